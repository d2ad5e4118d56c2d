import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, outboxEvents, webhooks } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";

export type DeliveryDispatch = { deliveryId: string; webhookId: string; dispatchCount: number };

/**
 * Fan-out: one delivery per webhook of the event's campaign that listens to this event and whose
 * source filter matches the user's source. Unique on (event, webhook), so a re-run creates
 * nothing twice; returns every delivery of the event still waiting to be dispatched. A disabled
 * webhook gets its delivery recorded as failed, so that after re-enabling, "Replay failed"
 * sends what it missed.
 */
export async function createDeliveriesForEvent(db: Db, eventId: string): Promise<DeliveryDispatch[]> {
  const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
  if (!event) return [];
  const source = (event.data as EventData).user.source;
  const targets = await db
    .select({ id: webhooks.id, status: webhooks.status })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.teamId, event.teamId),
        eq(webhooks.campaignId, event.campaignId),
        eq(webhooks.event, event.type),
        sql`(cardinality(${webhooks.sources}) = 0 or ${source}::user_source = any(${webhooks.sources}))`,
      ),
    );
  if (targets.length === 0) return [];
  await db
    .insert(deliveries)
    .values(
      targets.map((t) => ({
        teamId: event.teamId,
        webhookId: t.id,
        eventId: event.id,
        eventType: event.type,
        ...(t.status === "disabled" ? { status: "failed" as const, lastError: "Webhook disabled when the event happened", completedAt: new Date() } : {}),
      })),
    )
    .onConflictDoNothing();
  return db
    .select({ deliveryId: deliveries.id, webhookId: deliveries.webhookId, dispatchCount: deliveries.dispatchCount })
    .from(deliveries)
    .where(and(eq(deliveries.eventId, event.id), inArray(deliveries.webhookId, targets.map((t) => t.id)), eq(deliveries.status, "pending")));
}

/** The Inngest event that asks for one delivery; its id makes each dispatch happen once. */
export const deliveryRequest = (d: DeliveryDispatch) => ({
  id: `${d.deliveryId}:${d.dispatchCount}`,
  name: "referwire/delivery.requested" as const,
  data: { deliveryId: d.deliveryId, webhookId: d.webhookId },
});
