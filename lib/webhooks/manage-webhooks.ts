import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { webhooks, type Webhook } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { allowPrivateWebhookTargets, privateWebhookTargets } from "@/lib/config/env";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { fail, invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { checkDestination, type Lookup } from "./address-guard";
import { contextOf, entryChanges, sealEntries } from "./sealed-entries";
import { webhookSchema, type WebhookInput, type WebhookValues } from "./schemas";
import { newSigningSecret } from "./sign";
import { getWebhookRow, webhookSubject } from "./webhook-row";

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
  const createdVia = options.createdVia ?? "dashboard";
  const webhook = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
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
        createdVia,
      })
      .returning();
    // No URL in the details: a receiver's URL often carries its own secret.
    await recordAudit(tx, ctx.teamId, {
      action: "webhook.created",
      subject: webhookSubject(row!),
      details: { campaignId: campaign.id, event: row!.event, createdVia },
    });
    return row!;
  });
  return ok(webhook);
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
  const details = changesOf(existing, valid.value);
  const webhook = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ name, url, method, event, sources, headers, credentials, updatedAt: new Date() })
      .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, existing.id)))
      .returning();
    if (row && details.changed.length)
      await recordAudit(tx, ctx.teamId, { action: "webhook.updated", subject: webhookSubject(row), details });
    return row;
  });
  return webhook ? ok(webhook) : notFound("Webhook");
}

/**
 * What a save changes, by field name; for headers and credentials also which names were added,
 * removed or given a new value. Never a value: the log is no place for a URL's token or a header.
 */
function changesOf(existing: Webhook, next: WebhookValues) {
  const changed: string[] = (["name", "url", "method", "event"] as const).filter((f) => existing[f] !== next[f]);
  if ([...existing.sources].sort().join() !== [...next.sources].sort().join()) changed.push("sources");
  const entries: Record<string, ReturnType<typeof entryChanges>> = {};
  for (const field of ["headers", "credentials"] as const) {
    const diff = entryChanges(next[field], existing[field], existing.id);
    if (diff.added.length || diff.removed.length || diff.changed.length) {
      changed.push(field);
      entries[field] = diff;
    }
  }
  return { changed, ...entries };
}

export async function deleteWebhook(ctx: TeamContext, webhookId: string): Promise<Result<{ id: string }>> {
  if (!isUuid(webhookId)) return notFound("Webhook");
  const deleted = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhooks)
      .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhookId)))
      .returning({ id: webhooks.id, name: webhooks.name });
    if (row) await recordAudit(tx, ctx.teamId, { action: "webhook.deleted", subject: webhookSubject(row) });
    return row;
  });
  return deleted ? ok({ id: deleted.id }) : notFound("Webhook");
}

/** Back to active with a clean failure count; what was missed can then be replayed. */
export async function reenableWebhook(ctx: TeamContext, webhookId: string): Promise<Result<{ id: string }>> {
  const webhook = await getWebhookRow(ctx, webhookId);
  if (!webhook) return notFound("Webhook");
  // Re-enabling an active webhook only clears its failure count: no entry for that.
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(webhooks)
      .set({ status: "active", disabledReason: null, disabledAt: null, consecutiveFailures: 0, updatedAt: new Date() })
      .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhook.id)));
    if (webhook.status === "disabled")
      await recordAudit(tx, ctx.teamId, {
        action: "webhook.reenabled",
        subject: webhookSubject(webhook),
        details: { disabledReason: webhook.disabledReason },
      });
  });
  return ok({ id: webhook.id });
}
