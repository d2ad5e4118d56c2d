import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { webhooks, type Webhook } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { allowPrivateWebhookTargets, privateWebhookTargets } from "@/lib/config/env";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { fail, invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { checkDestination, type Lookup } from "./address-guard";
import { contextOf, sealEntries } from "./sealed-entries";
import { webhookSchema, type WebhookInput, type WebhookValues } from "./schemas";
import { newSigningSecret } from "./sign";
import { getWebhookRow } from "./webhook-row";

type SaveOptions = { lookup?: Lookup; createdVia?: "dashboard" | "api" };

async function validate(input: WebhookInput, options: SaveOptions): Promise<Result<WebhookValues>> {
  const parsed = webhookSchema({ allowPrivateNetworks: allowPrivateWebhookTargets() }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  // A name that does not resolve yet is accepted (DNS may not be set up); delivery checks again.
  const destination = await checkDestination(parsed.data.url, {
    allowPrivate: privateWebhookTargets(),
    lookup: options.lookup,
  });
  if (!destination.ok && !destination.unresolved) {
    return fail("invalid", "Please correct the highlighted fields", {
      url: `This URL is not allowed: ${destination.reason}`,
    });
  }
  return ok(parsed.data);
}

export async function createWebhook(
  ctx: TeamContext,
  campaignId: string,
  input: WebhookInput,
  options: SaveOptions = {},
): Promise<Result<Webhook>> {
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  const valid = await validate(input, options);
  if (!valid.ok) return valid;
  const id = randomUUID();
  const headers = sealEntries(valid.value.headers, [], id, "headers");
  if (!Array.isArray(headers)) return headers;
  const credentials = sealEntries(valid.value.credentials, [], id, "credentials");
  if (!Array.isArray(credentials)) return credentials;
  const [webhook] = await ctx.db
    .insert(webhooks)
    .values({
      id,
      teamId: ctx.teamId,
      campaignId: campaign.id,
      name: valid.value.name,
      url: valid.value.url,
      method: valid.value.method,
      event: valid.value.event,
      sources: valid.value.sources,
      headers,
      credentials,
      signingSecret: encryptSecret(newSigningSecret(), { context: contextOf(id) }),
      createdVia: options.createdVia ?? "dashboard",
    })
    .returning();
  return ok(webhook!);
}

/** Saves the form; secrets left empty keep their saved values. Status and secret are untouched. */
export async function updateWebhook(
  ctx: TeamContext,
  webhookId: string,
  input: WebhookInput,
  options: SaveOptions = {},
): Promise<Result<Webhook>> {
  const existing = await getWebhookRow(ctx, webhookId);
  if (!existing) return notFound("Webhook");
  const valid = await validate(input, options);
  if (!valid.ok) return valid;
  const headers = sealEntries(valid.value.headers, existing.headers, existing.id, "headers");
  if (!Array.isArray(headers)) return headers;
  const credentials = sealEntries(valid.value.credentials, existing.credentials, existing.id, "credentials");
  if (!Array.isArray(credentials)) return credentials;
  const { name, url, method, event, sources } = valid.value;
  const [webhook] = await ctx.db
    .update(webhooks)
    .set({ name, url, method, event, sources, headers, credentials, updatedAt: new Date() })
    .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, existing.id)))
    .returning();
  return webhook ? ok(webhook) : notFound("Webhook");
}

export async function deleteWebhook(ctx: TeamContext, webhookId: string): Promise<Result<{ id: string }>> {
  if (!isUuid(webhookId)) return notFound("Webhook");
  const [deleted] = await ctx.db
    .delete(webhooks)
    .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhookId)))
    .returning({ id: webhooks.id });
  return deleted ? ok(deleted) : notFound("Webhook");
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
