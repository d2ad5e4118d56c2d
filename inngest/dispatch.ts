import { after } from "next/server";
import { getDb } from "@/db/client";
import { deliveryRequest, type DeliveryDispatch } from "@/lib/webhooks/delivery/create-deliveries";
import { createOutboxRelay, type OutboxRelay } from "@/lib/webhooks/delivery/outbox";
import { inngest } from "./client";

// One relay per process, kept across dev hot reloads like the database pool.
const globalForRelay = globalThis as unknown as { referwireOutboxRelay?: OutboxRelay };
const outboxRelay = () => (globalForRelay.referwireOutboxRelay ??= createOutboxRelay({ db: getDb, send: (events) => inngest.send(events) }));

/**
 * After the response has gone out, hand committed outbox events to Inngest. Call it only when
 * the request committed an event; a slow or absent Inngest never delays or fails the request,
 * and whatever is not sent now the relay retries and the sweep catches.
 */
export function relayOutboxAfterResponse(): void {
  afterResponse(() => outboxRelay().kick());
}

/** Queues deliveries (resend, replay) after the response; the sweep retries what fails. */
export function dispatchDeliveriesAfterResponse(dispatches: DeliveryDispatch[]): void {
  if (dispatches.length === 0) return;
  afterResponse(async () => {
    try {
      await inngest.send(dispatches.map(deliveryRequest));
    } catch (error) {
      console.warn("[deliveries] dispatch deferred to the sweep:", error instanceof Error ? error.message : error);
    }
  });
}

/** Next's `after`, or (outside a request, as in tests and scripts) simply in the background. */
function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task().catch((error) => console.warn("[dispatch] background task failed:", error));
  }
}
