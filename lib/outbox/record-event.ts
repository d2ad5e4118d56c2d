import type { Db } from "@/db/client";
import { outboxEvents, type EventType } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
import { noteEventWritten } from "./relay-written-events";

/**
 * Writes an event to the outbox. Call it with the transaction that makes the change, so the
 * event commits with the change or not at all; the request's outbox scope then relays it after
 * the response.
 */
export async function recordEvent(
  tx: Db,
  event: { teamId: string; campaignId: string; type: EventType; data: EventData },
): Promise<string> {
  const [row] = await tx.insert(outboxEvents).values(event).returning({ id: outboxEvents.id });
  noteEventWritten();
  return row!.id;
}
