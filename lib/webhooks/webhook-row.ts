import "server-only";
import { eq } from "drizzle-orm";
import { webhooks, type Webhook } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isUuid } from "@/lib/ids";

/** The full row, secrets sealed: for server code only, never for the browser (see `webhook-views.ts`). */
export async function getWebhookRow(ctx: TeamContext, webhookId: string): Promise<Webhook | null> {
  if (!isUuid(webhookId)) return null;
  const [row] = await ctx.db
    .select()
    .from(webhooks)
    .where(ownedBy(webhooks, ctx.teamId, eq(webhooks.id, webhookId)));
  return row ?? null;
}

/** How the audit log names a webhook it records a change to. */
export const webhookSubject = (webhook: { id: string; name: string | null }) => ({
  type: "webhook",
  id: webhook.id,
  label: webhook.name,
});
