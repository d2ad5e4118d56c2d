import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { marketers } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { auth } from "./auth";

export type SignedInContext = TeamContext & { marketer: { id: string; name: string; email: string } };

/**
 * The one place pages and actions learn who is asking. The team comes from the database, not
 * only the cookie, so a deleted account stops working at once.
 */
export const currentMarketer = cache(async (): Promise<SignedInContext | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await getDb();
  const [marketer] = await db
    .select({ id: marketers.id, name: marketers.name, email: marketers.email, teamId: marketers.teamId })
    .from(marketers)
    .where(eq(marketers.id, session.user.id));
  if (!marketer) return null;
  return { db, teamId: marketer.teamId, marketer: { id: marketer.id, name: marketer.name, email: marketer.email } };
});

/** For pages and server actions that need a signed-in marketer. */
export async function requireMarketer(): Promise<SignedInContext> {
  const context = await currentMarketer();
  if (!context) redirect("/sign-in");
  return context;
}
