import "server-only";
import { eq } from "drizzle-orm";
import { webhooks } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { SECRET_ROTATION_OVERLAP_MS } from "./policy";
import { contextOf } from "./sealed-entries";
import { newSigningSecret } from "./sign";
import { getWebhookRow, webhookSubject } from "./webhook-row";

/** A new signing secret; the old one keeps signing (alongside) for 24 hours. */
export async function rotateSigningSecret(
  ctx: TeamContext,
  webhookId: string,
  now = new Date(),
): Promise<Result<{ previousExpiresAt: Date }>> {
  const webhook = await getWebhookRow(ctx, webhookId);
  if (!webhook) return notFound("Webhook");
  const previousExpiresAt = new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(webhooks)
      .set({
        signingSecret: encryptSecret(newSigningSecret(), { context: contextOf(webhook.id) }),
        previousSigningSecret: webhook.signingSecret,
        previousSecretExpiresAt: previousExpiresAt,
        updatedAt: now,
      })
      .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhook.id)));
    await recordAudit(tx, ctx.teamId, {
      action: "webhook.secret_rotated",
      subject: webhookSubject(webhook),
      details: { previousSecretExpiresAt: previousExpiresAt.toISOString() },
    });
  });
  return ok({ previousExpiresAt });
}

/**
 * The Standard Webhooks secret, for the marketer who asks to reveal it (and for the REST-hook
 * subscribe, which hands it to the key that subscribed). Every reveal is in the audit log.
 */
export async function revealSigningSecret(ctx: TeamContext, webhookId: string): Promise<Result<{ secret: string }>> {
  const row = await getWebhookRow(ctx, webhookId);
  if (!row) return notFound("Webhook");
  const secret = decryptSecret(row.signingSecret, { context: contextOf(row.id) });
  await recordAudit(ctx.db, ctx.teamId, { action: "webhook.secret_revealed", subject: webhookSubject(row) });
  return ok({ secret });
}
