import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { teams } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { env } from "@/lib/config/env";
import { INBOX_TOKEN_PREFIX } from "./inbox-policy";

/** Where a team's inbox receives: under the app's own origin, so a webhook can point at it. */
export const inboxUrl = (token: string) => `${env().APP_URL}/api/inbox/${token}`;

/**
 * The team's inbox URL, its token made on first use. Not a secret of the team's data: it only
 * lets a caller add requests to the list, which only the team sees.
 */
export async function openInbox(ctx: TeamContext): Promise<{ token: string; url: string }> {
  const existing = await inboxTokenOf(ctx);
  if (existing) return { token: existing, url: inboxUrl(existing) };
  // Only a team without one takes the new token, so two first visits agree on one.
  await ctx.db
    .update(teams)
    .set({ inboxToken: INBOX_TOKEN_PREFIX + randomBytes(16).toString("base64url") })
    .where(and(eq(teams.id, ctx.teamId), isNull(teams.inboxToken)));
  const token = (await inboxTokenOf(ctx))!;
  return { token, url: inboxUrl(token) };
}

async function inboxTokenOf(ctx: TeamContext): Promise<string | null> {
  const [team] = await ctx.db.select({ token: teams.inboxToken }).from(teams).where(eq(teams.id, ctx.teamId));
  return team?.token ?? null;
}
