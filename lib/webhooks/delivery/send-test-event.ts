import "server-only";
import { deliveries } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { privateWebhookTargets } from "@/lib/config/env";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { SAMPLE_EVENT_DATA } from "@/lib/events/samples";
import { classifyAttempt } from "../classify-attempt";
import { getWebhookRow, webhookSubject } from "@/lib/webhooks/webhook-row";
import { sendWebhookRequest, type AttemptResult, type SendOptions } from "../send-webhook-request";
import { buildDeliveryRequest } from "./build-request";
import { failWithoutAttempt, recordAttempt } from "./record-attempt";

export type TestSend = { deliveryId: string; result: AttemptResult; delivered: boolean };

/**
 * "Send test event": the webhook's event with sample data, signed and sent now, its response
 * returned. Recorded in the log, never retried, and never counted towards disabling.
 */
export async function sendTestEvent(
  ctx: TeamContext,
  webhookId: string,
  sendOptions: Partial<SendOptions> = {},
): Promise<Result<TestSend>> {
  const webhook = await getWebhookRow(ctx, webhookId);
  if (!webhook) return notFound("Webhook");
  const delivery = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deliveries)
      .values({
        teamId: ctx.teamId,
        webhookId: webhook.id,
        eventType: webhook.event,
        isTest: true,
        status: "delivering",
      })
      .returning();
    await recordAudit(tx, ctx.teamId, {
      action: "webhook.test_sent",
      subject: webhookSubject(webhook),
      details: { deliveryId: row!.id, event: webhook.event },
    });
    return row;
  });
  const startedAt = new Date();
  const built = buildDeliveryRequest({
    webhook,
    delivery: delivery!,
    data: SAMPLE_EVENT_DATA[webhook.event],
    occurredAt: startedAt,
    now: startedAt,
  });
  if (!built.ok) {
    await failWithoutAttempt(ctx.db, delivery!.id, built.error, new Date());
    return ok({
      deliveryId: delivery!.id,
      result: { status: null, responseBody: null, responseHeaders: {}, error: built.error, durationMs: 0 },
      delivered: false,
    });
  }
  const { request, logged } = built;
  const result = await sendWebhookRequest(request, { allowPrivate: privateWebhookTargets(), ...sendOptions });
  const delivered = classifyAttempt(result).kind === "delivered";
  const status = delivered ? "delivered" : "failed";
  await recordAttempt(ctx.db, {
    delivery: delivery!,
    method: webhook.method,
    startedAt,
    logged,
    result,
    outcome: status,
    settle: { status, nextAttemptAt: null, at: new Date() },
  });
  return ok({ deliveryId: delivery!.id, result, delivered });
}
