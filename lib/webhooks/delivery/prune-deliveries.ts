import "server-only";
import { and, isNotNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, outboxEvents } from "@/db/schema";

/** Removes delivery records (attempts cascade) and relayed outbox events older than the retention. */
export async function pruneDeliveries(db: Db, retentionDays: number, now = new Date()): Promise<{ deliveries: number; events: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const removed = await db.delete(deliveries).where(lt(deliveries.createdAt, cutoff)).returning({ id: deliveries.id });
  const events = await db
    .delete(outboxEvents)
    .where(and(lt(outboxEvents.createdAt, cutoff), isNotNull(outboxEvents.sentAt)))
    .returning({ id: outboxEvents.id });
  return { deliveries: removed.length, events: events.length };
}
