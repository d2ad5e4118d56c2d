import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { TeamContext } from "@/db/scope";
import { orDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import type { TeamRole } from "@/lib/teams/permissions";
import { auth } from "./auth";
import { findSessionMarketer, switchSessionTeam } from "./marketer-sessions";

export type Account = { id: string; name: string; email: string };
/** A signed-in marketer looking at one of their teams, as what. */
export type SignedInContext = TeamContext & { marketer: Account; role: TeamRole; sessionId: string };
type SignedIn = {
  db: TeamContext["db"];
  marketer: Account;
  sessionId: string;
  team: { id: string; role: TeamRole } | null;
};

/**
 * Who is asking, and which team their session looks at (null: no longer a member of any). The
 * session, the team and the role come from the database, not only the cookie, so a signed-out
 * session, a deleted account or a removed membership stops working at once. A session whose team
 * the marketer left moves to their first team. An unreachable database surfaces as
 * `DatabaseUnavailableError` (the error pages say so).
 */
export const currentAccount = cache(async (): Promise<SignedIn | null> => {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  const { sessionId, user } = session;
  return orDatabaseUnavailable(async () => {
    const db = await getDb();
    let found = await findSessionMarketer(db, sessionId, user.id);
    if (found && !found.team && (await switchSessionTeam(db, sessionId, user.id)))
      found = await findSessionMarketer(db, sessionId, user.id);
    if (!found) return null;
    return { db, marketer: { id: found.id, name: found.name, email: found.email }, sessionId, team: found.team };
  });
});

/** The one place pages, actions and routes learn who is asking and for which team; null for nobody (or no team). */
export async function currentMarketer(): Promise<SignedInContext | null> {
  const account = await currentAccount();
  if (!account?.team) return null;
  const { team, ...rest } = account;
  return { ...rest, teamId: team.id, role: team.role };
}

/** For pages that need a signed-in marketer and their team. */
export async function requireMarketer(): Promise<SignedInContext> {
  const account = await currentAccount();
  if (!account) redirect("/sign-in");
  if (!account.team) redirect("/no-team");
  return (await currentMarketer())!;
}
