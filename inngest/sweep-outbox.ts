import { getDb } from "@/db/client";
import { loadUnsentEvents, markEventsSent } from "@/lib/outbox/relay";
import { deliveryRequest } from "@/lib/webhooks/delivery/create-deliveries";
import { recoverStuckDeliveries } from "@/lib/webhooks/delivery/recover-stuck-deliveries";
import { loadStalledDeliveries } from "@/lib/webhooks/delivery/resend-deliveries";
import { inngest } from "./client";

/** Events younger than this are still being relayed by the request that wrote them. */
const GRACE_MS = 30_000;

/**
 * Catches what the after-commit relay missed (Inngest down, the process killed between commit
 * and send): unsent outbox events, deliveries queued by a resend that never reached Inngest, and
 * deliveries whose run died mid-attempt, which end failed so that they can be replayed.
 */
export const sweepOutbox = inngest.createFunction(
  // One sweep at a time across every instance, so two sweeps never hand over the same backlog.
  {
    id: "sweep-outbox",
    name: "Re-send unsent outbox events, recover stuck deliveries",
    triggers: [{ cron: "* * * * *" }],
    retries: 0,
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const events = await step.run("load-unsent-events", async () =>
      loadUnsentEvents(await getDb(), { olderThan: new Date(Date.now() - GRACE_MS) }),
    );
    if (events.length) {
      await step.sendEvent("relay-events", events);
      await step.run("mark-events-sent", async () =>
        markEventsSent(
          await getDb(),
          events.map((e) => e.id),
        ),
      );
    }
    const stalled = await step.run("load-stalled-deliveries", async () =>
      loadStalledDeliveries(await getDb(), new Date(Date.now() - GRACE_MS)),
    );
    if (stalled.length) await step.sendEvent("redispatch-deliveries", stalled.map(deliveryRequest));
    const recovered = await step.run(
      "recover-stuck-deliveries",
      async () => (await recoverStuckDeliveries(await getDb())).length,
    );
    return { events: events.length, deliveries: stalled.length, recovered };
  },
);
