"use server";

import { revalidatePath } from "next/cache";
import { requireMarketer } from "@/lib/auth/session";
import { generateApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-key";
import type { Failure } from "@/lib/errors/result";
import { revealSigningSecret } from "@/lib/webhooks/list-webhooks";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/webhooks/save-webhook";
import type { WebhookInput } from "@/lib/webhooks/schemas";

export type SaveWebhookResult = { ok: true } | Pick<Failure, "ok" | "message" | "fieldErrors">;

const refresh = (campaignId: string) => revalidatePath(`/campaigns/${campaignId}/settings/integrations`);
const failure = (f: Failure) => ({ ok: false as const, message: f.message, fieldErrors: f.fieldErrors });

export async function saveWebhookAction(campaignId: string, webhookId: string | null, input: WebhookInput): Promise<SaveWebhookResult> {
  const ctx = await requireMarketer();
  const result = webhookId ? await updateWebhook(ctx, webhookId, input) : await createWebhook(ctx, campaignId, input);
  if (!result.ok) return failure(result);
  refresh(campaignId);
  return { ok: true };
}

export async function deleteWebhookAction(campaignId: string, webhookId: string) {
  const result = await deleteWebhook(await requireMarketer(), webhookId);
  if (!result.ok) return failure(result);
  refresh(campaignId);
  return { ok: true as const };
}

export async function revealSigningSecretAction(webhookId: string) {
  const result = await revealSigningSecret(await requireMarketer(), webhookId);
  return result.ok ? { ok: true as const, secret: result.value.secret } : failure(result);
}

export async function generateApiKeyAction(campaignId: string) {
  const result = await generateApiKey(await requireMarketer());
  if (!result.ok) return failure(result);
  refresh(campaignId);
  return { ok: true as const, key: result.value.key };
}

export async function revokeApiKeyAction(campaignId: string) {
  await revokeApiKey(await requireMarketer());
  refresh(campaignId);
  return { ok: true as const };
}
