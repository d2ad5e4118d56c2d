"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dispatchDeliveriesAfterResponse } from "@/lib/webhooks/delivery/dispatch-deliveries";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { replayFailedSince, resendDelivery } from "@/lib/webhooks/delivery/resend-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { reenableWebhook } from "@/lib/webhooks/manage-webhooks";
import { rotateSigningSecret } from "@/lib/webhooks/signing-secret";

/** What the Test event dialog shows: whether the receiver took it, and what it answered. */
export type TestEventReport = {
  delivered: boolean;
  status?: number | null;
  responseBody?: string | null;
  error?: string | null;
  durationMs?: number;
};

const webhookIds = z.object({ campaignId: z.string(), webhookId: z.string() });

const refresh = ({ campaignId, webhookId }: z.output<typeof webhookIds>) =>
  revalidatePath(`/campaigns/${campaignId}/settings/integrations/webhooks/${webhookId}`);

export const sendTestEventAction = teamAction(
  { name: "sendTestEvent", permission: "manageIntegrations", schema: webhookIds },
  async (ids, ctx) => {
    const result = await sendTestEvent(ctx, ids.webhookId);
    if (!result.ok) return failedWith(result);
    refresh(ids);
    const { delivered, result: attempt } = result.value;
    const report: TestEventReport = {
      delivered,
      status: attempt.status,
      responseBody: attempt.responseBody,
      error: attempt.error,
      durationMs: attempt.durationMs,
    };
    return succeeded(report, delivered ? "Test event delivered" : "Test event failed");
  },
);

export const resendDeliveryAction = teamAction(
  { name: "resendDelivery", permission: "manageIntegrations", schema: webhookIds.extend({ deliveryId: z.string() }) },
  async (input, ctx) => {
    const result = await resendDelivery(ctx, input.deliveryId);
    if (!result.ok) return failedWith(result);
    dispatchDeliveriesAfterResponse([result.value]);
    refresh(input);
    return succeeded(undefined, "Delivery queued to be sent again");
  },
);

export const replayFailedAction = teamAction(
  { name: "replayFailed", permission: "manageIntegrations", schema: webhookIds.extend({ since: z.iso.datetime() }) },
  async (input, ctx) => {
    const result = await replayFailedSince(ctx, input.webhookId, new Date(input.since));
    if (!result.ok) return failedWith(result);
    dispatchDeliveriesAfterResponse(result.value);
    refresh(input);
    const n = result.value.length;
    return succeeded(
      undefined,
      n ? `${n} failed ${n === 1 ? "delivery" : "deliveries"} queued again` : "No failed deliveries since then",
    );
  },
);

export const rotateSecretAction = teamAction(
  { name: "rotateSigningSecret", permission: "manageIntegrations", schema: webhookIds },
  async (ids, ctx) => {
    const result = await rotateSigningSecret(ctx, ids.webhookId);
    if (!result.ok) return failedWith(result);
    refresh(ids);
    return succeeded(undefined, "Signing secret rotated; the old one also signs for 24 hours");
  },
);

export const reenableWebhookAction = teamAction(
  { name: "reenableWebhook", permission: "manageIntegrations", schema: webhookIds },
  async (ids, ctx) => {
    const result = await reenableWebhook(ctx, ids.webhookId);
    if (!result.ok) return failedWith(result);
    refresh(ids);
    revalidatePath(`/campaigns/${ids.campaignId}/settings/integrations`);
    return succeeded(undefined, "Webhook re-enabled");
  },
);
