import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { outboxEvents, outboxPending, type EventType } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
import { noteEventWritten } from "./relay-written-events";

/**
 * Writes an event to the outbox and queues it for the relay. Call it with the transaction that
 * makes the change, so the event commits with the change or not at all; the request's wrapper
 * (`relayEventsWrittenBy`) then relays it after the response.
 */
export async function recordEvent(
  tx: Db,
  event: { teamId: string; campaignId: string; type: EventType; data: EventData },
): Promise<string> {
  const written = tx.insert(outboxEvents).values(event);
  const [row] = await selectRows<{ id: string }>(
    tx,
    sql`with written as (${written.getSQL()} ${RETURNING_QUEUED}) ${queueForRelay("written")} returning event_id as id`,
  );
  noteEventWritten();
  return row!.id;
}

/** What an insert into `outbox_events` returns for `queueForRelay` to read. */
export const RETURNING_QUEUED = sql`returning id, team_id, campaign_id, type, created_at`;

/**
 * Queues the events a CTE inserted (with `RETURNING_QUEUED`) for the relay. Every insert into the
 * outbox goes with this one, in the same statement: an event without its queue row would reach
 * Inngest only if someone re-sent it by hand.
 */
export const queueForRelay = (written: string): SQL =>
  sql`insert into ${outboxPending} (event_id, team_id, campaign_id, type, created_at)
    select id, team_id, campaign_id, type, created_at from ${sql.identifier(written)}`;
