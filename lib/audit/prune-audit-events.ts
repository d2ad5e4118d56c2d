import "server-only";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

/**
 * Entries are kept for at least a year. The daily prune removes only those older than this, so
 * a late or missed run, or a clock a little off, never cuts into the year.
 */
export const AUDIT_RETENTION_DAYS = 400;
const BATCH = 1_000;

/**
 * Removes entries older than the retention, in batches. Nothing else deletes an entry, and the
 * database refuses every UPDATE. The old entries are found team by team through the
 * (team, time) index rather than by reading the whole log.
 */
export async function pruneAuditEvents(db: Db, { now = new Date(), batch = BATCH } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000).toISOString();
  let total = 0;
  for (;;) {
    const removed = await selectRows<{ id: string }>(
      db,
      sql`delete from audit_events where id in (
            select old.id from teams
            cross join lateral (
              select id from audit_events a
              where a.team_id = teams.id and a.occurred_at < ${cutoff}::timestamptz
              limit ${batch}
            ) old
            limit ${batch})
          returning id`,
    );
    total += removed.length;
    if (removed.length < batch) return total;
  }
}
