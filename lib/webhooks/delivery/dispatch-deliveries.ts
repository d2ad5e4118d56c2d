import "server-only";
import { inngest } from "@/inngest/client";
import { afterResponse } from "@/lib/http/after-response";
import { deliveryRequest, type DeliveryDispatch } from "./create-deliveries";

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
