import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { TeamContext } from "@/db/scope";
import { orDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import { auth } from "./auth";
import { findSessionMarketer } from "./marketer-sessions";

export type SignedInContext = TeamContext & { marketer: { id: string; name: string; email: string } };

/**
 * The one place pages and actions learn who is asking. The session and the team come from the
 * database, not only the cookie, so a signed-out session or a deleted account stops working at
 * once. An unreachable database surfaces as `DatabaseUnavailableError` (the error pages say so).
 */
export const currentMarketer = cache(async (): Promise<SignedInContext | null> => {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  const { sessionId, user } = session;
  const [db, marketer] = await orDatabaseUnavailable(async () => {
    const db = await getDb();
    return [db, await findSessionMarketer(db, sessionId, user.id)] as const;
  });
  if (!marketer) return null;
  return { db, teamId: marketer.teamId, marketer: { id: marketer.id, name: marketer.name, email: marketer.email } };
});

/** For pages and server actions that need a signed-in marketer. */
export async function requireMarketer(): Promise<SignedInContext> {
  const context = await currentMarketer();
  if (!context) redirect("/sign-in");
  return context;
}
