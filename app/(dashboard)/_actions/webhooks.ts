"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import type { WebhookInput } from "@/lib/webhooks/schemas";

const refresh = (campaignId: string) => revalidatePath(`/campaigns/${campaignId}/settings/integrations`);

// The webhook itself is checked by the domain function: which private networks it may reach
// depends on the server's configuration, which the form's copy of the schema only mirrors.
const saveWebhookInput = z.object({
  campaignId: z.string(),
  webhookId: z.string().nullable(),
  webhook: z.custom<WebhookInput>((value) => typeof value === "object" && value !== null, "Enter the webhook"),
});

export const saveWebhookAction = teamAction(
  { name: "saveWebhook", permission: "manageIntegrations", schema: saveWebhookInput },
  async ({ campaignId, webhookId, webhook }, ctx) => {
    const result = webhookId
      ? await updateWebhook(ctx, webhookId, webhook)
      : await createWebhook(ctx, campaignId, webhook);
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(undefined, webhookId ? "Webhook saved" : "Webhook created");
  },
);

export const deleteWebhookAction = teamAction(
  {
    name: "deleteWebhook",
    permission: "manageIntegrations",
    schema: z.object({ campaignId: z.string(), webhookId: z.string() }),
  },
  async (input, ctx) => {
    const result = await deleteWebhook(ctx, input.webhookId);
    if (!result.ok) return failedWith(result);
    refresh(input.campaignId);
    return succeeded(undefined, "Webhook deleted");
  },
);

export const revealSigningSecretAction = teamAction(
  { name: "revealSigningSecret", permission: "manageIntegrations", schema: z.object({ webhookId: z.string() }) },
  async (input, ctx) => {
    const result = await revealSigningSecret(ctx, input.webhookId);
    return result.ok ? succeeded(result.value.secret) : failedWith(result);
  },
);
