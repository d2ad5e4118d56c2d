import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, outboxEvents, webhooks, type Delivery, type Webhook } from "@/db/schema";
import { allowPrivateWebhookTargets } from "@/lib/config/env";
import type { EventData } from "@/lib/events/snapshot";
import { classifyAttempt, nextDelayMs } from "../classify-attempt";
import { FAILURE_DISABLE_THRESHOLD } from "../policy";
import { sendWebhookRequest, type SendOptions } from "../send-webhook-request";
import { buildDeliveryRequest } from "./build-request";
import { recordAttempt } from "./record-attempt";

export type AttemptDeps = { send?: typeof sendWebhookRequest; sendOptions?: Partial<SendOptions>; now?: () => Date };
export type NextStep = { next: "done"; status: "delivered" | "failed" } | { next: "retry"; delayMs: number };

/**
 * One attempt of one delivery, recorded before it returns: the attempt row, the delivery's
 * status and the webhook's failure count commit together. `attemptInRun` (1-based) picks the
 * delay from the retry schedule; a resend starts the schedule again.
 */
export async function performDeliveryAttempt(db: Db, deliveryId: string, attemptInRun: number, deps: AttemptDeps = {}): Promise<NextStep> {
  const now = deps.now ?? (() => new Date());
  const [row] = await db
    .select({ delivery: deliveries, webhook: webhooks, event: outboxEvents })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .leftJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
    .where(eq(deliveries.id, deliveryId));
  // Gone (webhook deleted, retention) or settled by an earlier run of this step: nothing to do.
  if (!row || !row.event) return { next: "done", status: "failed" };
  const { delivery, webhook, event } = row;
  if (delivery.status === "delivered" || delivery.status === "failed") return { next: "done", status: delivery.status };
  if (webhook.status === "disabled") {
    await settle(db, delivery, { status: "failed", lastError: `Webhook disabled: ${webhook.disabledReason ?? "by a marketer"}` });
    return { next: "done", status: "failed" };
  }

  await db.update(deliveries).set({ status: "delivering", updatedAt: now() }).where(eq(deliveries.id, delivery.id));
  const startedAt = now();
  const { request, logged } = buildDeliveryRequest({ webhook, delivery, data: event.data as EventData, occurredAt: event.createdAt, now: startedAt });
  const result = await (deps.send ?? sendWebhookRequest)(request, { allowPrivate: allowPrivateWebhookTargets(), ...deps.sendOptions });
  const outcome = classifyAttempt(result, now());
  const delayMs = outcome.kind === "retry" ? nextDelayMs(attemptInRun, outcome.retryAfterMs) : null;
  const final = outcome.kind === "delivered" ? "delivered" : delayMs === null ? "failed" : null;

  await db.transaction(async (tx) => {
    const attemptNumber = delivery.attemptCount + 1;
    const recorded = outcome.kind === "retry" && final ? "failed" : outcome.kind;
    await recordAttempt(tx, { delivery, method: webhook.method, attemptNumber, startedAt, logged, result, outcome: recorded });
    await tx
      .update(deliveries)
      .set({
        status: final ?? "retrying",
        attemptCount: attemptNumber,
        nextAttemptAt: final ? null : new Date(now().getTime() + delayMs!),
        lastResponseStatus: result.status,
        lastError: result.error,
        updatedAt: now(),
        completedAt: final ? now() : null,
      })
      .where(eq(deliveries.id, delivery.id));
    if (outcome.kind === "gone") await disableWebhook(tx, webhook, "The endpoint answered 410 Gone", now());
    else if (final === "delivered") await tx.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, webhook.id));
    else if (final === "failed") await countFailure(tx, webhook, now());
  });
  return final ? { next: "done", status: final } : { next: "retry", delayMs: delayMs! };
}

async function settle(db: Db, delivery: Delivery, patch: { status: "failed"; lastError: string }) {
  await db.update(deliveries).set({ ...patch, updatedAt: new Date(), completedAt: new Date(), nextAttemptAt: null }).where(eq(deliveries.id, delivery.id));
}

/** A failed delivery (all attempts used) counts against the webhook; enough in a row disable it. */
async function countFailure(tx: Db, webhook: Webhook, now: Date) {
  const [updated] = await tx
    .update(webhooks)
    .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
    .where(eq(webhooks.id, webhook.id))
    .returning({ failures: webhooks.consecutiveFailures });
  if (updated && updated.failures >= FAILURE_DISABLE_THRESHOLD) {
    await disableWebhook(tx, webhook, `${updated.failures} deliveries in a row failed`, now);
  }
}

export async function disableWebhook(tx: Db, webhook: Pick<Webhook, "id">, reason: string, now: Date) {
  await tx.update(webhooks).set({ status: "disabled", disabledReason: reason, disabledAt: now }).where(eq(webhooks.id, webhook.id));
}
