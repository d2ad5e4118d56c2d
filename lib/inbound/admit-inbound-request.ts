import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, inboundRateWindows, inboundTokens, type Campaign } from "@/db/schema";
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
};

/**
 * Resolves the token to its campaign and counts the request against the campaign's rate window,
 * in one statement: the hot path pays a single round trip before it reads the body. Unknown
 * tokens match no row, insert nothing and come back null.
 *
 * The window start is computed here rather than by the database so tests can step through
 * windows; an instance whose clock lags never moves a window back (`greatest`).
 */
export async function admitInboundRequest(db: Db, token: string, policy: InboundPolicy = INBOUND_POLICY): Promise<Admission | null> {
  if (!isWellFormedInboundToken(token)) return null;
  const now = policy.now().getTime();
  const windowStart = new Date(now - (now % policy.rateWindowMs));
  const w = inboundRateWindows;
  const hit = db
    .$with("hit", { campaignId: w.campaignId, hits: w.hits, windowStart: w.windowStart })
    .as(
      sql`insert into ${w} (campaign_id, team_id, window_start, hits)
        select ${inboundTokens.campaignId}, ${inboundTokens.teamId}, ${windowStart.toISOString()}::timestamptz, 1
        from ${inboundTokens} where ${inboundTokens.tokenHash} = ${hashInboundToken(token)}
        on conflict (campaign_id) do update set
          hits = case when excluded.window_start > ${w.windowStart} then 1 else ${w.hits} + 1 end,
          window_start = greatest(${w.windowStart}, excluded.window_start)
        returning campaign_id, hits, window_start`,
    );
  const [row] = await db
    .with(hit)
    .select({ campaign: campaigns, hits: hit.hits, windowStart: hit.windowStart })
    .from(campaigns)
    .innerJoin(hit, eq(hit.campaignId, campaigns.id));
  if (!row) return null;
  const windowEnds = row.windowStart.getTime() + policy.rateWindowMs;
  return {
    campaign: row.campaign,
    hits: row.hits,
    limited: row.hits > policy.rateLimit,
    windowEndsAt: windowEnds,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now) / 1000)),
  };
}
