import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deliveries, webhooks } from "@/db/schema";
import { privateWebhookTargets } from "@/lib/config/env";
import type { EventData } from "@/lib/events/snapshot";
import { classifyAttempt, nextDelayMs } from "../classify-attempt";
import { sendWebhookRequest, type SendOptions } from "../send-webhook-request";
import { buildDeliveryRequest } from "./build-request";
import { claimDelivery } from "./claim-delivery";
import { failWithoutAttempt, recordAttempt } from "./record-attempt";
import { webhookChangeAfter } from "./webhook-health";

export type AttemptDeps = { send?: typeof sendWebhookRequest; sendOptions?: Partial<SendOptions>; now?: () => Date };
export type NextStep = { next: "done"; status: "delivered" | "failed" } | { next: "retry"; delayMs: number };

/**
 * One attempt of one delivery, recorded before it returns. Two statements: the claim (mark
 * "delivering" and load), then one that records the attempt row, the delivery's status and the
 * webhook's failure count together. `attemptInRun` (1-based) picks the delay from the retry
 * schedule; a resend starts the schedule again.
 */
export async function performDeliveryAttempt(
  db: Db,
  deliveryId: string,
  attemptInRun: number,
  deps: AttemptDeps = {},
): Promise<NextStep> {
  const now = deps.now ?? (() => new Date());
  const claimed = await claimDelivery(db, deliveryId, now());
  if (!claimed) return settleUnclaimed(db, deliveryId, now());
  const { delivery, webhook, event } = claimed;

  const startedAt = now();
  const built = buildDeliveryRequest({
    webhook,
    delivery,
    data: event.data as EventData,
    occurredAt: event.occurredAt,
    now: startedAt,
  });
  if (!built.ok) {
    // No retry can open a secret the key cannot: settle now, so it can be replayed once fixed.
    await failWithoutAttempt(db, delivery.id, built.error, now());
    return { next: "done", status: "failed" };
  }
  const { request, logged } = built;
  const result = await (deps.send ?? sendWebhookRequest)(request, {
    allowPrivate: privateWebhookTargets(),
    ...deps.sendOptions,
  });
  const finishedAt = now();
  const outcome = classifyAttempt(result, finishedAt);
  const delayMs = outcome.kind === "retry" ? nextDelayMs(attemptInRun, outcome.retryAfterMs) : null;
  const final = outcome.kind === "delivered" ? "delivered" : delayMs === null ? "failed" : null;

  await recordAttempt(db, {
    delivery,
    method: webhook.method,
    startedAt,
    logged,
    result,
    outcome: outcome.kind === "retry" && final ? "failed" : outcome.kind,
    settle: {
      status: final ?? "retrying",
      nextAttemptAt: final ? null : new Date(finishedAt.getTime() + delayMs!),
      at: finishedAt,
    },
    webhookChange: webhookChangeAfter(outcome, final),
  });
  return final ? { next: "done", status: final } : { next: "retry", delayMs: delayMs! };
}

/**
 * The claim found nothing to attempt. Settled by an earlier run of this step: report how it
 * ended. Its webhook was disabled meanwhile: settle it as failed (not counted). Gone (webhook
 * deleted, retention): nothing to do.
 */
async function settleUnclaimed(db: Db, deliveryId: string, now: Date): Promise<NextStep> {
  const [row] = await db
    .select({ status: deliveries.status, webhookStatus: webhooks.status, disabledReason: webhooks.disabledReason })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .where(eq(deliveries.id, deliveryId));
  if (row?.status === "delivered" || row?.status === "failed") return { next: "done", status: row.status };
  if (row?.webhookStatus === "disabled") {
    await failWithoutAttempt(db, deliveryId, `Webhook disabled: ${row.disabledReason ?? "by a marketer"}`, now);
  }
  return { next: "done", status: "failed" };
}
