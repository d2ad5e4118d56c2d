import "server-only";
import { and, eq } from "drizzle-orm";
import { Webhook as StandardWebhook, WebhookVerificationError } from "standardwebhooks";
import { deliveries, webhooks, type InboxSignatureCheck } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { isUuid } from "@/lib/ids";
import { activeSecrets } from "@/lib/webhooks/delivery/build-request";
import type { WebhookMethod } from "@/lib/webhooks/payload";
import { signedContent } from "@/lib/webhooks/sign";

export type ArrivedRequest = { method: string; url: string; headers: Headers; body: string };

export type Sender = NonNullable<Awaited<ReturnType<typeof senderOf>>>;

/**
 * The team's webhook whose delivery a request's `webhook-id` names (our deliveries put their id
 * there). Only the team's own: a request naming another team's delivery has no known sender.
 */
export async function findSender(ctx: TeamContext, headers: Headers): Promise<Sender | undefined> {
  const deliveryId = headers.get("webhook-id") ?? "";
  return isUuid(deliveryId) ? senderOf(ctx, deliveryId) : undefined;
}

/**
 * Checks an arrived request as a receiver would, with the `standardwebhooks` library and its
 * 5-minute timestamp tolerance, against the secrets its sender signs with now.
 */
export function checkInboxSignature(request: ArrivedRequest, sender: Sender | undefined): InboxSignatureCheck {
  const headers = Object.fromEntries(
    ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, request.headers.get(name) ?? ""]),
  );
  if (!headers["webhook-signature"]) return { outcome: "unsigned" };
  if (!sender)
    return {
      outcome: "unknown_sender",
      reason: "Its webhook-id names no delivery of your webhooks, so there is no secret to check it with.",
    };
  const deliveryId = sender.deliveryId;
  const webhook = { id: sender.id, name: sender.name, event: sender.event };
  const content = signedContent({ method: request.method as WebhookMethod, url: request.url, body: request.body });
  let secrets: string[];
  try {
    secrets = activeSecrets(sender, new Date());
  } catch {
    return { outcome: "invalid", reason: "The webhook's signing secret could not be decrypted.", deliveryId, webhook };
  }
  let reason = "No matching signature found";
  for (const secret of secrets) {
    try {
      new StandardWebhook(secret).verify(content, headers, { jsonParse: false });
      return { outcome: "valid", deliveryId, webhook };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      reason = error.message;
    }
  }
  return { outcome: "invalid", reason, deliveryId, webhook };
}

async function senderOf(ctx: TeamContext, deliveryId: string) {
  const [row] = await ctx.db
    .select({
      deliveryId: deliveries.id,
      id: webhooks.id,
      name: webhooks.name,
      event: webhooks.event,
      headers: webhooks.headers,
      credentials: webhooks.credentials,
      signingSecret: webhooks.signingSecret,
      previousSigningSecret: webhooks.previousSigningSecret,
      previousSecretExpiresAt: webhooks.previousSecretExpiresAt,
    })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.teamId, ctx.teamId)));
  return row;
}
