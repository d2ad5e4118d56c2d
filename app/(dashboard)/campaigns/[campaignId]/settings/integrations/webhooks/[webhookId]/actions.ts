"use server";

import { revalidatePath } from "next/cache";
import { dispatchDeliveriesAfterResponse } from "@/inngest/dispatch";
import { requireMarketer } from "@/lib/auth/session";
import { replayFailedSince, resendDelivery } from "@/lib/webhooks/delivery/resend-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { reenableWebhook, rotateSigningSecret } from "@/lib/webhooks/webhook-lifecycle";

export type ActionOutcome = { ok: boolean; message: string };
export type TestEventOutcome = ActionOutcome & { status?: number | null; responseBody?: string | null; error?: string | null; durationMs?: number };

const refresh = (campaignId: string, webhookId: string) => revalidatePath(`/campaigns/${campaignId}/settings/integrations/webhooks/${webhookId}`);

export async function sendTestEventAction(campaignId: string, webhookId: string): Promise<TestEventOutcome> {
  const result = await sendTestEvent(await requireMarketer(), webhookId);
  if (!result.ok) return { ok: false, message: result.message };
  refresh(campaignId, webhookId);
  const { status, responseBody, error, durationMs } = result.value.result;
  return { ok: result.value.delivered, message: result.value.delivered ? "Test event delivered" : "Test event failed", status, responseBody, error, durationMs };
}

export async function resendDeliveryAction(campaignId: string, webhookId: string, deliveryId: string): Promise<ActionOutcome> {
  const result = await resendDelivery(await requireMarketer(), deliveryId);
  if (!result.ok) return { ok: false, message: result.message };
  dispatchDeliveriesAfterResponse([result.value]);
  refresh(campaignId, webhookId);
  return { ok: true, message: "Delivery queued to be sent again" };
}

export async function replayFailedAction(campaignId: string, webhookId: string, since: string): Promise<ActionOutcome> {
  const result = await replayFailedSince(await requireMarketer(), webhookId, new Date(since));
  if (!result.ok) return { ok: false, message: result.message };
  dispatchDeliveriesAfterResponse(result.value);
  refresh(campaignId, webhookId);
  const n = result.value.length;
  return { ok: true, message: n ? `${n} failed ${n === 1 ? "delivery" : "deliveries"} queued again` : "No failed deliveries since then" };
}

export async function rotateSecretAction(campaignId: string, webhookId: string): Promise<ActionOutcome> {
  const result = await rotateSigningSecret(await requireMarketer(), webhookId);
  if (!result.ok) return { ok: false, message: result.message };
  refresh(campaignId, webhookId);
  return { ok: true, message: "Signing secret rotated; the old one also signs for 24 hours" };
}

export async function reenableWebhookAction(campaignId: string, webhookId: string): Promise<ActionOutcome> {
  const result = await reenableWebhook(await requireMarketer(), webhookId);
  if (!result.ok) return { ok: false, message: result.message };
  refresh(campaignId, webhookId);
  revalidatePath(`/campaigns/${campaignId}/settings/integrations`);
  return { ok: true, message: "Webhook re-enabled" };
}
