import "server-only";
import { desc } from "drizzle-orm";
import { inboxRequests } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { INBOX_KEEP } from "./inbox-policy";

export type InboxRequestRow = typeof inboxRequests.$inferSelect;

/** The team's inbox, newest first (only the newest INBOX_KEEP are kept). */
export async function listInboxRequests(ctx: TeamContext): Promise<InboxRequestRow[]> {
  return ctx.db
    .select()
    .from(inboxRequests)
    .where(ownedBy(inboxRequests, ctx.teamId))
    .orderBy(desc(inboxRequests.receivedAt), desc(inboxRequests.id))
    .limit(INBOX_KEEP);
}

export async function clearInbox(ctx: TeamContext): Promise<void> {
  await ctx.db.delete(inboxRequests).where(ownedBy(inboxRequests, ctx.teamId));
}
