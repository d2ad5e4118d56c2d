import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { deliveries, outboxEvents, webhooks } from "@/db/schema";

/** Statuses an attempt may start from: "delivering" too, when a crashed attempt runs again. */
const CLAIMABLE = ["pending", "retrying", "delivering"] as const;

/**
 * Marks a delivery "delivering" and loads what its attempt needs, in one UPDATE … FROM …
 * RETURNING: the delivery, its webhook and the event snapshot. Only the delivery row is locked;
 * the webhook row is read, so concurrent attempts on one webhook never wait for each other.
 */
const claimQuery = preparedPerDb((db) =>
  db
    .update(deliveries)
    .set({ status: "delivering", updatedAt: sql`${sql.placeholder("now")}` })
    .from(sql`${webhooks}, ${outboxEvents}`)
    .where(
      and(
        eq(deliveries.id, sql.placeholder("deliveryId")),
        inArray(deliveries.status, CLAIMABLE),
        eq(webhooks.id, deliveries.webhookId),
        eq(webhooks.status, "active"),
        eq(outboxEvents.id, deliveries.eventId),
      ),
    )
    .returning({
      delivery: {
        id: deliveries.id,
        teamId: deliveries.teamId,
        webhookId: deliveries.webhookId,
        eventType: deliveries.eventType,
      },
      webhook: {
        id: webhooks.id,
        url: webhooks.url,
        method: webhooks.method,
        headers: webhooks.headers,
        credentials: webhooks.credentials,
        signingSecret: webhooks.signingSecret,
        previousSigningSecret: webhooks.previousSigningSecret,
        previousSecretExpiresAt: webhooks.previousSecretExpiresAt,
      },
      event: { data: outboxEvents.data, occurredAt: outboxEvents.createdAt },
    })
    .prepare("claim_delivery"),
);

/**
 * The claimed delivery, or null when it cannot be attempted now (settled, deleted, or its
 * webhook disabled); the caller finds out which.
 */
export async function claimDelivery(db: Db, deliveryId: string, now: Date) {
  const [claimed] = await claimQuery(db).execute({ deliveryId, now: now.toISOString() });
  return claimed ?? null;
}
