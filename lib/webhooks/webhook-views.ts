import "server-only";
import { asc, eq } from "drizzle-orm";
import { webhooks, type Webhook } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { maskEntries, type MaskedEntry } from "./sealed-entries";
import { getWebhookRow } from "./webhook-row";

/** A webhook as the browser may see it: header and credential values masked, no secret. */
export type WebhookView = Pick<
  Webhook,
  | "id"
  | "campaignId"
  | "name"
  | "url"
  | "method"
  | "event"
  | "sources"
  | "status"
  | "disabledReason"
  | "disabledAt"
  | "consecutiveFailures"
  | "createdAt"
> & { headers: MaskedEntry[]; credentials: MaskedEntry[] };

export function toWebhookView(row: Webhook): WebhookView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    name: row.name,
    url: row.url,
    method: row.method,
    event: row.event,
    sources: row.sources,
    status: row.status,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt,
    headers: maskEntries(row.headers),
    credentials: maskEntries(row.credentials),
  };
}

/** Every webhook of the team, or of one of its campaigns. */
export async function listWebhooks(ctx: TeamContext, campaignId?: string): Promise<WebhookView[]> {
  const rows = await ctx.db
    .select()
    .from(webhooks)
    .where(ownedBy(webhooks, ctx.teamId, campaignId ? eq(webhooks.campaignId, campaignId) : undefined))
    .orderBy(asc(webhooks.createdAt));
  return rows.map(toWebhookView);
}

/** One webhook of the team, as the browser may see it; null when it is not the team's. */
export async function getWebhookView(ctx: TeamContext, webhookId: string): Promise<WebhookView | null> {
  const row = await getWebhookRow(ctx, webhookId);
  return row && toWebhookView(row);
}
