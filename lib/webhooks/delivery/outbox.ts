import "server-only";
import { and, asc, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";

export const RELAY_BATCH = 200;

export type RelayedEvent = { id: string; name: "referwire/event.recorded"; data: { eventId: string; campaignId: string; type: string } };

/** Outbox events not yet handed to Inngest, oldest first, as Inngest events keyed by outbox id. */
export async function loadUnsentEvents(db: Db, options: { olderThan?: Date; limit?: number } = {}): Promise<RelayedEvent[]> {
  const rows = await db
    .select({ id: outboxEvents.id, campaignId: outboxEvents.campaignId, type: outboxEvents.type })
    .from(outboxEvents)
    .where(and(isNull(outboxEvents.sentAt), options.olderThan ? lt(outboxEvents.createdAt, options.olderThan) : undefined))
    .orderBy(asc(outboxEvents.createdAt))
    .limit(options.limit ?? RELAY_BATCH);
  return rows.map((r) => ({ id: r.id, name: "referwire/event.recorded", data: { eventId: r.id, campaignId: r.campaignId, type: r.type } }));
}

export async function markEventsSent(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.update(outboxEvents).set({ sentAt: new Date() }).where(inArray(outboxEvents.id, ids));
}

/**
 * Hands unsent events to Inngest. Called after a request's transaction commits (and by the
 * sweep). It never throws: when Inngest is unreachable the events simply stay in the outbox
 * for the next try, and Inngest de-duplicates on the outbox id if one is sent twice.
 */
export async function relayOutbox(db: Db, send: (events: RelayedEvent[]) => Promise<unknown>): Promise<{ sent: number; error?: string }> {
  try {
    const events = await loadUnsentEvents(db);
    if (events.length === 0) return { sent: 0 };
    await send(events);
    await markEventsSent(db, events.map((e) => e.id));
    return { sent: events.length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[outbox] relay deferred, events stay in the outbox: ${message}`);
    return { sent: 0, error: message };
  }
}
