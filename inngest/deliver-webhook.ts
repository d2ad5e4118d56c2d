import { getDb } from "@/db/client";
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { RETRY_SCHEDULE_MS } from "@/lib/webhooks/policy";
import { deliveryRequested, inngest } from "./client";

/** How many requests one webhook may have in flight, so a slow endpoint cannot starve others. */
export const PER_WEBHOOK_CONCURRENCY = 5;

/**
 * One run per delivery. Each attempt is a step that records itself; between attempts the run
 * sleeps durably for the schedule's delay (or longer, when the endpoint sent Retry-After).
 * HTTP failures are values, not exceptions: Inngest's own retries only cover our outages.
 */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver a webhook",
    triggers: [deliveryRequested],
    concurrency: { key: "event.data.webhookId", limit: PER_WEBHOOK_CONCURRENCY },
    retries: 5,
  },
  async ({ event, step }) => {
    for (let attempt = 1; attempt <= RETRY_SCHEDULE_MS.length; attempt++) {
      const next = await step.run(`attempt-${attempt}`, async () =>
        performDeliveryAttempt(await getDb(), event.data.deliveryId, attempt),
      );
      if (next.next === "done") return { status: next.status, attempts: attempt };
      await step.sleep(`wait-after-attempt-${attempt}`, next.delayMs);
    }
    return { status: "failed", attempts: RETRY_SCHEDULE_MS.length };
  },
);
