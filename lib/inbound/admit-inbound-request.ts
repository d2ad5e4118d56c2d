import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { campaigns, inboundRateWindows, inboundTokens, participants, type Campaign } from "@/db/schema";
import type { FoundLead } from "@/lib/participants/qualify-lead";
import { INBOUND_POLICY, type InboundPolicy } from "./inbound-policy";
import { hashInboundToken, isWellFormedInboundToken } from "./inbound-token";

export type Admission = {
  campaign: Campaign;
  /** Requests so far in this window, this one included. */
  hits: number;
  limited: boolean;
  /** Epoch milliseconds when this rate window ends. */
  windowEndsAt: number;
  retryAfterSeconds: number;
  /** The participant with the requested code in this campaign, with their referrer. */
  found: FoundLead | null;
};

const referrers = alias(participants, "referrer");

/**
 * Resolves the token to its campaign, counts the request against the campaign's rate window and
 * reads the participant with `referralCode` (and their referrer) in that campaign, in one
 * statement: the hot path pays a single round trip before it writes. Unknown tokens match no
 * row, insert nothing and come back null.
 *
 * The window start is computed here rather than by the database so tests can step through
 * windows; an instance whose clock lags never moves a window back (`greatest`).
 */
export async function admitInboundRequest(
  db: Db,
  token: string,
  referralCode: string | null,
  policy: InboundPolicy = INBOUND_POLICY,
): Promise<Admission | null> {
  if (!isWellFormedInboundToken(token)) return null;
  const now = policy.now().getTime();
  const windowStart = new Date(now - (now % policy.rateWindowMs));
  const [row] = await admissionQuery(db).execute({
    tokenHash: hashInboundToken(token),
    windowStart: windowStart.toISOString(),
    // No code (a bad body) matches no participant.
    referralCode,
  });
  if (!row) return null;
  const windowEnds = row.windowStart.getTime() + policy.rateWindowMs;
  return {
    campaign: row.campaign,
    hits: row.hits,
    limited: row.hits > policy.rateLimit,
    windowEndsAt: windowEnds,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now) / 1000)),
    found: row.lead ? { lead: row.lead, referrer: row.referrer } : null,
  };
}

/** Built once per database: the hot path only binds the token hash, window and code. */
const admissionQuery = preparedPerDb(buildAdmissionQuery);

function buildAdmissionQuery(db: Db) {
  const w = inboundRateWindows;
  const hit = db.$with("hit", { campaignId: w.campaignId, hits: w.hits, windowStart: w.windowStart }).as(
    sql`insert into ${w} (campaign_id, team_id, window_start, hits)
        select ${inboundTokens.campaignId}, ${inboundTokens.teamId}, ${sql.placeholder("windowStart")}::timestamptz, 1
        from ${inboundTokens} where ${inboundTokens.tokenHash} = ${sql.placeholder("tokenHash")}
        on conflict (campaign_id) do update set
          hits = case when excluded.window_start > ${w.windowStart} then 1 else ${w.hits} + 1 end,
          window_start = greatest(${w.windowStart}, excluded.window_start)
        returning campaign_id, hits, window_start`,
  );
  const sameCode = and(
    eq(participants.campaignId, campaigns.id),
    eq(participants.teamId, campaigns.teamId),
    eq(participants.referralCode, sql.placeholder("referralCode")),
  );
  return db
    .with(hit)
    .select({
      campaign: campaigns,
      hits: hit.hits,
      windowStart: hit.windowStart,
      lead: participants,
      referrer: referrers,
    })
    .from(campaigns)
    .innerJoin(hit, eq(hit.campaignId, campaigns.id))
    .leftJoin(participants, sameCode)
    .leftJoin(referrers, eq(referrers.id, participants.referrerId))
    .prepare("admit_inbound_request");
}
