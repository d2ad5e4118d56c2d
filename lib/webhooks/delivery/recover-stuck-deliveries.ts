import "server-only";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { STUCK_DELIVERY_AFTER_MS, STUCK_RECOVERY_BATCH } from "../policy";

/** What the delivery log shows for a recovered delivery. */
export const STUCK_DELIVERY_ERROR =
  "The delivery stopped without recording a result (the worker gave up or crashed); replay it to try again.";

/**
 * Marks failed, with a reason the marketer can read, the deliveries left "delivering" for longer
 * than STUCK_DELIVERY_AFTER_MS: their run died or gave up between the claim and recording the
 * attempt, and nothing else would ever move them (resend, replay and the sweep only take other
 * states). A live attempt is never taken: the claim stamps `updated_at` each time, the rows are
 * locked with SKIP LOCKED (a claim in progress is skipped) and the UPDATE checks status and age
 * again on the row it changes. Not counted against the webhook: the endpoint is not to blame.
 * At most `limit` rows per call, oldest first. Returns the recovered ids.
 */
export async function recoverStuckDeliveries(
  db: Db,
  { now = new Date(), limit = STUCK_RECOVERY_BATCH } = {},
): Promise<string[]> {
  const at = now.toISOString();
  const stuckSince = new Date(now.getTime() - STUCK_DELIVERY_AFTER_MS).toISOString();
  const stuck = sql`status = 'delivering' and updated_at < ${stuckSince}::timestamptz`;
  const rows = await selectRows<{ id: string }>(
    db,
    // Materialized: picked once. As a subquery the plan may rescan it, and each rescan would lock
    // the next rows, past the limit.
    sql`with picked as materialized (
          select id from deliveries where ${stuck} order by updated_at limit ${limit} for update skip locked
        )
        update deliveries
        set status = 'failed', last_error = ${STUCK_DELIVERY_ERROR}, next_attempt_at = null, updated_at = ${at}::timestamptz, completed_at = ${at}::timestamptz
        from picked
        where deliveries.id = picked.id and ${stuck}
        returning deliveries.id`,
  );
  return rows.map((r) => r.id);
}
