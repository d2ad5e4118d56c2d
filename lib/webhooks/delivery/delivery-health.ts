import "server-only";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { failureReasons } from "@/db/enums";
import type { TeamContext } from "@/db/scope";
import type { FailureReason } from "../failure-reason";

export const healthWindows = ["24h", "7d"] as const;
export type HealthWindow = (typeof healthWindows)[number];

const HOUR_MS = 3_600_000;
/** Each window's length and how the chart splits it: 24 bars of an hour, 28 of six hours. */
export const HEALTH_WINDOWS: Record<HealthWindow, { label: string; ms: number; bucketMs: number }> = {
  "24h": { label: "24 hours", ms: 24 * HOUR_MS, bucketMs: HOUR_MS },
  "7d": { label: "7 days", ms: 7 * 24 * HOUR_MS, bucketMs: 6 * HOUR_MS },
};

export type HealthBucket = { start: Date; delivered: number; inProgress: number; failed: number };

/**
 * One webhook's figures over a window that ends now.
 *
 * - Deliveries: those created in the window (test sends included), by their status now. The
 *   success rate is the share of the finished ones (delivered or failed) that were delivered;
 *   null while none has finished.
 * - Attempts: every attempt started in the window. Response times are the nearest-rank median
 *   and 95th percentile of their durations (`percentile_disc`: a duration that was measured),
 *   null without attempts; failures are the attempts that failed, by reason.
 */
export type WebhookHealth = {
  window: HealthWindow;
  from: Date;
  to: Date;
  deliveries: { total: number; delivered: number; inProgress: number; failed: number };
  successRate: number | null;
  attempts: number;
  failedAttempts: number;
  p50Ms: number | null;
  p95Ms: number | null;
  failures: Record<FailureReason, number>;
  buckets: HealthBucket[];
};

type HealthRow = {
  webhookId: string;
  buckets: [bucket: number, delivered: number, inProgress: number, failed: number][] | string;
  attempts: number | null;
  p50: number | null;
  p95: number | null;
} & Record<FailureReason, number | null>;

/**
 * The health of every webhook of a campaign, or of one webhook, in one statement. Deliveries are
 * read by (webhook_id, created_at) and attempts by (webhook_id, started_at, …), an index that
 * holds every attempt column used here, so only the window is read, never the rest of a webhook's
 * history nor the wide attempt rows. Webhooks that are not the team's have no entry.
 */
export async function webhookHealth(
  ctx: TeamContext,
  scope: { campaignId: string } | { webhookId: string },
  window: HealthWindow,
  now: Date = new Date(),
): Promise<Map<string, WebhookHealth>> {
  const { ms, bucketMs } = HEALTH_WINDOWS[window];
  const bucketCount = ms / bucketMs;
  const to = now;
  const from = new Date(now.getTime() - ms);
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const toAt = sql`${to.toISOString()}::timestamptz`;
  const inScope =
    "campaignId" in scope ? sql`campaign_id = ${scope.campaignId}::uuid` : sql`id = ${scope.webhookId}::uuid`;
  const byReason = sql.join(
    failureReasons.map(
      (reason) => sql`(count(*) filter (where failure_reason = ${reason}))::int as ${sql.identifier(reason)}`,
    ),
    sql`, `,
  );
  const stride = sql`${`${bucketMs / 1000} seconds`}::interval`;
  const rows = await selectRows<HealthRow>(
    ctx.db,
    sql`
      with hooks as (select id from webhooks where team_id = ${ctx.teamId}::uuid and ${inScope})
      select hooks.id as "webhookId",
             (select coalesce(json_agg(json_build_array(
                        -- The bucket's number, computed per bucket rather than per row.
                        least(floor(extract(epoch from bucket - ${fromAt}) * 1000 / ${bucketMs})::int, ${bucketCount - 1}),
                        delivered, in_progress, failed)), '[]')
              from (select date_bin(${stride}, created_at, ${fromAt}) as bucket,
                           (count(*) filter (where status = 'delivered'))::int as delivered,
                           (count(*) filter (where status not in ('delivered', 'failed')))::int as in_progress,
                           (count(*) filter (where status = 'failed'))::int as failed
                    from deliveries
                    where team_id = ${ctx.teamId}::uuid and webhook_id = hooks.id
                      and created_at >= ${fromAt} and created_at < ${toAt}
                    group by 1) counted) as buckets,
             timed.*
      from hooks
      -- Per webhook, so each aggregate runs over one index range without sorting by webhook first.
      -- No team_id on attempts: it would cost a visit to each wide attempt row, and hooks is the team's.
      cross join lateral (
        select count(*)::int as attempts,
               percentile_disc(0.5) within group (order by duration_ms) as p50,
               percentile_disc(0.95) within group (order by duration_ms) as p95,
               ${byReason}
        from delivery_attempts
        where webhook_id = hooks.id and started_at >= ${fromAt} and started_at < ${toAt}
      ) timed`,
  );
  return new Map(rows.map((row) => [row.webhookId, toHealth(row, window, from, to, bucketCount, bucketMs)]));
}

function toHealth(
  row: HealthRow,
  window: HealthWindow,
  from: Date,
  to: Date,
  bucketCount: number,
  bucketMs: number,
): WebhookHealth {
  const buckets: HealthBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    start: new Date(from.getTime() + i * bucketMs),
    delivered: 0,
    inProgress: 0,
    failed: 0,
  }));
  // json_agg arrives parsed from postgres.js and as text from some drivers.
  const counted = typeof row.buckets === "string" ? (JSON.parse(row.buckets) as HealthRow["buckets"]) : row.buckets;
  for (const [i, delivered, inProgress, failed] of counted as Exclude<HealthRow["buckets"], string>) {
    buckets[i] = { ...buckets[i]!, delivered, inProgress, failed };
  }
  const sum = (pick: (b: HealthBucket) => number) => buckets.reduce((total, b) => total + pick(b), 0);
  const delivered = sum((b) => b.delivered);
  const failed = sum((b) => b.failed);
  const inProgress = sum((b) => b.inProgress);
  const failures = Object.fromEntries(failureReasons.map((r) => [r, row[r] ?? 0])) as Record<FailureReason, number>;
  return {
    window,
    from,
    to,
    deliveries: { total: delivered + failed + inProgress, delivered, inProgress, failed },
    successRate: delivered + failed ? delivered / (delivered + failed) : null,
    attempts: row.attempts ?? 0,
    failedAttempts: Object.values(failures).reduce((a, b) => a + b, 0),
    p50Ms: row.p50 === null ? null : Number(row.p50),
    p95Ms: row.p95 === null ? null : Number(row.p95),
    failures,
    buckets,
  };
}
