import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { onDriver, preparedPerDb } from "@/db/prepared";
import {
  campaigns,
  inboundRateWindows,
  inboundRequests,
  inboundTokens,
  participants,
  type Campaign,
} from "@/db/schema";
import type { FoundLead } from "@/lib/participants/qualify-lead";
import { INBOUND_ERRORS } from "./inbound-errors";
import { INBOUND_POLICY, type InboundPolicy } from "./inbound-policy";
import { clippedCaller, type InboundLogEntry } from "./record-inbound-request";
import { hashInboundToken, isWellFormedInboundToken } from "./inbound-token";

export type Admission = {
  campaign: Campaign;
  /** Requests so far in this window, this one included. */
  hits: number;
  limited: boolean;
  /** Epoch milliseconds when this rate window ends. */
  windowEndsAt: number;
  retryAfterSeconds: number;
  /** The participant with the requested code in this campaign, with their referrer if pending. */
  found: FoundLead | null;
  /**
   * The request is already in the log: its code was not one to qualify (unknown, a referrer's, a
   * lead already qualified), which the same statement could tell and record.
   */
  logged: boolean;
};

/** Who asked, for the request log: everything of a log entry but what the outcome decides. */
export type InboundCaller = Pick<InboundLogEntry, "receivedAt" | "ip" | "userAgent" | "referralCode">;

const referrers = alias(participants, "referrer");

/**
 * Resolves the token to its campaign, counts the request against the campaign's rate window and
 * reads the participant with `referralCode` (and their referrer) in that campaign, in one
 * statement: the hot path pays a single round trip before it writes. When that read already
 * settles the answer (no such code, a referrer's code, a lead already qualified: what
 * `qualifyFoundLead` answers from the same row) and the request is within the limit, the same
 * statement writes its log row, so such a request costs one statement in all. Unknown tokens
 * match no row, insert nothing and come back null.
 *
 * The window start is computed here rather than by the database so tests can step through
 * windows; an instance whose clock lags never moves a window back (`greatest`).
 */
export async function admitInboundRequest(
  db: Db,
  token: string,
  referralCode: string | null,
  caller: InboundCaller,
  policy: InboundPolicy = INBOUND_POLICY,
): Promise<Admission | null> {
  if (!isWellFormedInboundToken(token)) return null;
  const now = policy.now().getTime();
  const windowStart = new Date(now - (now % policy.rateWindowMs));
  const logged = clippedCaller(caller);
  const [row] = await admissionQuery(db).execute({
    tokenHash: hashInboundToken(token),
    windowStart: windowStart.toISOString(),
    // No code (a bad body) matches no participant, and leaves the log to the caller.
    referralCode,
    rateLimit: policy.rateLimit,
    receivedAt: caller.receivedAt.toISOString(),
    loggedCode: logged.referralCode,
    ip: logged.ip,
    userAgent: logged.userAgent,
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
    logged: row.logged,
  };
}

/** Built once per database: the hot path only binds the token hash, window, code and caller. */
const admissionQuery = preparedPerDb((db) => onDriver(buildAdmissionQuery(db)));

function buildAdmissionQuery(db: Db) {
  const w = inboundRateWindows;
  const p = sql.placeholder;
  const hit = db
    .$with("hit", { campaignId: w.campaignId, teamId: w.teamId, hits: w.hits, windowStart: w.windowStart })
    .as(
      sql`insert into ${w} (campaign_id, team_id, window_start, hits)
        select ${inboundTokens.campaignId}, ${inboundTokens.teamId}, ${p("windowStart")}::timestamptz, 1
        from ${inboundTokens} where ${inboundTokens.tokenHash} = ${p("tokenHash")}
        on conflict (campaign_id) do update set
          hits = case when excluded.window_start > ${w.windowStart} then 1 else ${w.hits} + 1 end,
          window_start = greatest(${w.windowStart}, excluded.window_start)
        returning campaign_id, team_id, hits, window_start`,
    );
  // The answers the read settles, as `qualifyFoundLead` gives them and the handler logs them.
  const unknown = "unknown_referral_code" satisfies keyof typeof INBOUND_ERRORS;
  const notALead = "not_a_lead" satisfies keyof typeof INBOUND_ERRORS;
  const status = (error: keyof typeof INBOUND_ERRORS) => sql.raw(String(INBOUND_ERRORS[error].status));
  const logged = db.$with("logged", { id: inboundRequests.id }).as(
    sql`insert into ${inboundRequests} (team_id, campaign_id, received_at, http_status, error_code, already_qualified, referral_code, ip, user_agent)
        select hit.team_id, hit.campaign_id, ${p("receivedAt")}::timestamptz,
          case when code.id is null then ${status(unknown)} when code.kind <> 'lead' then ${status(notALead)} else 200 end,
          case when code.id is null then ${sql.raw(`'${unknown}'`)} when code.kind <> 'lead' then ${sql.raw(`'${notALead}'`)} end,
          case when code.kind = 'lead' then true end,
          ${p("loggedCode")}::text, ${p("ip")}::text, ${p("userAgent")}::text
        from hit left join ${participants} code
          on code.campaign_id = hit.campaign_id and code.team_id = hit.team_id and code.referral_code = ${p("referralCode")}::text
        where ${p("referralCode")}::text is not null and hit.hits <= ${p("rateLimit")}::int
          and (code.id is null or code.kind <> 'lead' or code.status <> 'pending')
        returning id`,
  );
  const sameCode = and(
    eq(participants.campaignId, campaigns.id),
    eq(participants.teamId, campaigns.teamId),
    eq(participants.referralCode, p("referralCode")),
  );
  return (
    db
      .with(hit, logged)
      .select({
        campaign: campaigns,
        hits: hit.hits,
        windowStart: hit.windowStart,
        lead: participants,
        referrer: referrers,
        logged: sql<boolean>`exists (select 1 from logged)`.mapWith(Boolean),
        // All this statement may write durably is a settled answer's log row, a convenience: its
        // commit need not wait for the disk. A crash may lose the last fraction of a second of
        // such rows, never a qualification (written by its own, synchronous, statement).
        asyncCommit: sql<string>`set_config('synchronous_commit', 'off', true)`,
      })
      .from(campaigns)
      .innerJoin(hit, eq(hit.campaignId, campaigns.id))
      .leftJoin(participants, sameCode)
      // Only a pending lead is qualified, which needs the referrer (its event and rewards).
      .leftJoin(referrers, and(eq(referrers.id, participants.referrerId), eq(participants.status, "pending")))
      .prepare("admit_inbound_request")
  );
}
