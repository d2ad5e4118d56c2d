import "server-only";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, webhooks } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import { fail, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { webhookSubject } from "../webhook-row";
import type { DeliveryDispatch } from "./create-deliveries";

const requeue = {
  status: "pending" as const,
  dispatchCount: sql`${deliveries.dispatchCount} + 1`,
  nextAttemptAt: null,
  completedAt: null,
  updatedAt: sql`now()`,
};
const dispatchColumns = {
  deliveryId: deliveries.id,
  webhookId: deliveries.webhookId,
  dispatchCount: deliveries.dispatchCount,
};

/** Queues a finished delivery again (same webhook-id, so receivers can de-duplicate it). */
export async function resendDelivery(ctx: TeamContext, deliveryId: string): Promise<Result<DeliveryDispatch>> {
  if (!isUuid(deliveryId)) return notFound("Delivery");
  const queued = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(deliveries)
      .set(requeue)
      .where(
        ownedBy(
          deliveries,
          ctx.teamId,
          eq(deliveries.id, deliveryId),
          eq(deliveries.isTest, false),
          inArray(deliveries.status, ["delivered", "failed"]),
        ),
      )
      .returning(dispatchColumns);
    if (row) await recordRequeue(tx, ctx.teamId, row.webhookId, "deliveries.resent", { deliveryId: row.deliveryId });
    return row;
  });
  if (queued) return ok(queued);
  const [existing] = await ctx.db
    .select({ status: deliveries.status, isTest: deliveries.isTest })
    .from(deliveries)
    .where(ownedBy(deliveries, ctx.teamId, eq(deliveries.id, deliveryId)));
  if (!existing) return notFound("Delivery");
  return fail(
    "conflict",
    existing.isTest ? "Test sends are not resent; send a new test event" : "This delivery is still in progress",
  );
}

/** Queues every failed delivery of a webhook created at or after `since`. */
export async function replayFailedSince(
  ctx: TeamContext,
  webhookId: string,
  since: Date,
): Promise<Result<DeliveryDispatch[]>> {
  if (!isUuid(webhookId)) return notFound("Webhook");
  if (Number.isNaN(since.getTime()))
    return fail("invalid", "Choose a valid date and time", { since: "Choose a valid date and time" });
  const queued = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(deliveries)
      .set(requeue)
      .where(
        ownedBy(
          deliveries,
          ctx.teamId,
          eq(deliveries.webhookId, webhookId),
          eq(deliveries.status, "failed"),
          eq(deliveries.isTest, false),
          gte(deliveries.createdAt, since),
        ),
      )
      .returning(dispatchColumns);
    // Nothing to replay changes nothing, and leaves no entry.
    if (rows.length)
      await recordRequeue(tx, ctx.teamId, webhookId, "deliveries.replayed", {
        since: since.toISOString(),
        count: rows.length,
      });
    return rows;
  });
  return ok(queued);
}

/** The audit entry of a resend or replay, naming the webhook (its row is the team's: the deliveries were). */
async function recordRequeue(
  tx: Db,
  teamId: string,
  webhookId: string,
  action: AuditEntry["action"],
  details: Record<string, unknown>,
) {
  const [webhook] = await tx
    .select({ name: webhooks.name })
    .from(webhooks)
    .where(ownedBy(webhooks, teamId, eq(webhooks.id, webhookId)));
  await recordAudit(tx, teamId, {
    action,
    subject: webhookSubject({ id: webhookId, name: webhook?.name ?? null }),
    details,
  });
}

/** Deliveries queued but not picked up: their dispatch may not have reached Inngest, which de-duplicates a repeat. */
export async function loadStalledDeliveries(db: Db, queuedBefore: Date): Promise<DeliveryDispatch[]> {
  return db
    .select(dispatchColumns)
    .from(deliveries)
    .where(and(eq(deliveries.status, "pending"), lt(deliveries.updatedAt, queuedBefore)))
    .limit(500);
}
