import { getDb } from "@/db/client";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { pruneAuditEvents } from "@/lib/audit/prune-audit-events";
import { env } from "@/lib/config/env";
import { pruneDeliveries } from "@/lib/webhooks/delivery/prune-deliveries";
import { inngest } from "./client";

/**
 * Daily: delivery records (and their attempts) older than WEBHOOK_RETENTION_DAYS go, and so do
 * API idempotency keys past their 24 hours (an expired key is already ignored when reused) and
 * audit log entries past their 400 days.
 */
export const pruneOldDeliveries = inngest.createFunction(
  { id: "prune-deliveries", name: "Remove old delivery records", triggers: [{ cron: "17 3 * * *" }], retries: 3 },
  async ({ step }) => {
    const deliveries = await step.run("prune", async () =>
      pruneDeliveries(await getDb(), env().WEBHOOK_RETENTION_DAYS),
    );
    const idempotencyKeys = await step.run("prune-idempotency-keys", async () => pruneIdempotencyKeys(await getDb()));
    const auditEvents = await step.run("prune-audit-events", async () => pruneAuditEvents(await getDb()));
    return { deliveries, idempotencyKeys, auditEvents };
  },
);
