import { getDb } from "@/db/client";
import { env } from "@/lib/config/env";
import { pruneDeliveries } from "@/lib/webhooks/delivery/prune-deliveries";
import { inngest } from "./client";

/** Daily: delivery records (and their attempts) older than WEBHOOK_RETENTION_DAYS go. */
export const pruneOldDeliveries = inngest.createFunction(
  { id: "prune-deliveries", name: "Remove old delivery records", triggers: [{ cron: "17 3 * * *" }], retries: 3 },
  async ({ step }) => step.run("prune", async () => pruneDeliveries(await getDb(), env().WEBHOOK_RETENTION_DAYS)),
);
