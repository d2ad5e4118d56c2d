import "server-only";
import { eq } from "drizzle-orm";
import { webhooks } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { SECRET_ROTATION_OVERLAP_MS } from "./policy";
import { getWebhookRow } from "./save-webhook";
import { contextOf } from "./sealed-entries";
import { newSigningSecret } from "./sign";

/** A new signing secret; the old one keeps signing (alongside) for 24 hours. */
export async function rotateSigningSecret(ctx: TeamContext, webhookId: string, now = new Date()): Promise<Result<{ previousExpiresAt: Date }>> {
  const webhook = await getWebhookRow(ctx, webhookId);
  if (!webhook) return notFound("Webhook");
  const previousExpiresAt = new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS);
  await ctx.db
    .update(webhooks)
    .set({
      signingSecret: encryptSecret(newSigningSecret(), { context: contextOf(webhook.id) }),
      previousSigningSecret: webhook.signingSecret,
      previousSecretExpiresAt: previousExpiresAt,
      updatedAt: now,
    })
    .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhook.id)));
  return ok({ previousExpiresAt });
}

/** Back to active with a clean failure count; what was missed can then be replayed. */
export async function reenableWebhook(ctx: TeamContext, webhookId: string): Promise<Result<{ id: string }>> {
  const webhook = await getWebhookRow(ctx, webhookId);
  if (!webhook) return notFound("Webhook");
  await ctx.db
    .update(webhooks)
    .set({ status: "active", disabledReason: null, disabledAt: null, consecutiveFailures: 0, updatedAt: new Date() })
    .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhook.id)));
  return ok({ id: webhook.id });
}
