import "server-only";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { PRUNE_BATCH } from "../policy";

/** Deliveries in these states are settled; the others may still be retried and are never removed. */
const SETTLED = sql`('delivered', 'failed')`;

/**
 * Removes settled delivery records (attempts cascade) and relayed outbox events older than the
 * retention, in batches of `batch` rows. A delivery still pending, delivering or retrying is
 * kept whatever its age, and so is the event it delivers.
 */
export async function pruneDeliveries(
  db: Db,
  retentionDays: number,
  { now = new Date(), batch = PRUNE_BATCH } = {},
): Promise<{ deliveries: number; events: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const deliveries = await deleteInBatches(
    db,
    sql`delete from deliveries where id in (
      select id from deliveries where created_at < ${cutoff}::timestamptz and status in ${SETTLED} limit ${batch})
      returning id`,
    batch,
  );
  const events = await deleteInBatches(
    db,
    sql`delete from outbox_events where id in (
      select e.id from outbox_events e
      where e.created_at < ${cutoff}::timestamptz
        and not exists (select 1 from outbox_pending q where q.event_id = e.id)
        and not exists (select 1 from deliveries d where d.event_id = e.id and d.status not in ${SETTLED})
      limit ${batch})
      returning id`,
    batch,
  );
  return { deliveries, events };
}

async function deleteInBatches(db: Db, statement: ReturnType<typeof sql>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = (await selectRows<{ id: string }>(db, statement)).length;
    total += removed;
    if (removed < batch) return total;
  }
}
