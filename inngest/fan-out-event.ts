import { getDb } from "@/db/client";
import { createDeliveriesForEvent, deliveryRequest } from "@/lib/webhooks/delivery/create-deliveries";
import { eventRecorded, inngest } from "./client";

/** Steps carry ids, not bodies; this many delivery requests go out per sendEvent step. */
export const FAN_OUT_CHUNK = 100;

/** For each committed event: one delivery per matching webhook, each handed to the delivery function. */
export const fanOutEvent = inngest.createFunction(
  { id: "fan-out-event", name: "Fan out an event to its webhooks", triggers: [eventRecorded], retries: 10 },
  async ({ event, step }) => {
    const dispatches = await step.run("create-deliveries", async () =>
      createDeliveriesForEvent(await getDb(), event.data.eventId),
    );
    for (let i = 0; i < dispatches.length; i += FAN_OUT_CHUNK) {
      await step.sendEvent(
        `dispatch-${i / FAN_OUT_CHUNK}`,
        dispatches.slice(i, i + FAN_OUT_CHUNK).map(deliveryRequest),
      );
    }
    return { deliveries: dispatches.length };
  },
);
