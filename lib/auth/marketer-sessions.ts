import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketerSessions, marketers, teamMembers, teams, type Marketer } from "@/db/schema";
import type { TeamRole } from "@/lib/teams/permissions";
import { SESSION_MAX_AGE_SECONDS } from "./auth.config";

/**
 * Server-side sessions. The session cookie is a signed JWT that only the server can end by
 * forgetting it: each sign-in gets a `marketer_sessions` row whose id the cookie carries, and a
 * cookie whose row is gone or expired signs nobody in. Signing out deletes the row; a password
 * change (or anything that must cut off every device) calls `endAllMarketerSessions`.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account and, when it still belongs to it, the team the session looks at. */
export type SessionMarketer = Pick<Marketer, "id" | "name" | "email"> & {
  team: { id: string; role: TeamRole } | null;
};

/**
 * Records a new session for the marketer, looking at `teamId` (an invitation just accepted) or
 * their first team, and returns its id; drops their expired ones.
 */
export async function startMarketerSession(
  db: Db,
  marketerId: string,
  { now = new Date(), teamId }: { now?: Date; teamId?: string } = {},
): Promise<string> {
  await db
    .delete(marketerSessions)
    .where(and(eq(marketerSessions.marketerId, marketerId), lt(marketerSessions.expiresAt, now)));
  const [row] = await db
    .insert(marketerSessions)
    .values({
      marketerId,
      teamId: teamId ?? firstTeamOf(marketerId),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    })
    .returning({ id: marketerSessions.id });
  return row!.id;
}

/** The team a marketer joined first, as a subquery. */
const firstTeamOf = (marketerId: string) =>
  sql`(select team_id from team_members where marketer_id = ${marketerId} order by created_at, team_id limit 1)`;

/**
 * Points the session at another of the marketer's teams; false when they are not a member of it.
 * Without `teamId`, at their first team (the one looked at was left or they were removed).
 */
export async function switchSessionTeam(
  db: Db,
  sessionId: string,
  marketerId: string,
  teamId?: string,
): Promise<boolean> {
  if (!UUID.test(sessionId) || (teamId !== undefined && !UUID.test(teamId))) return false;
  const target = teamId
    ? sql`(select team_id from team_members where marketer_id = ${marketerId} and team_id = ${teamId})`
    : firstTeamOf(marketerId);
  const [row] = await db
    .update(marketerSessions)
    .set({ teamId: target })
    .where(and(eq(marketerSessions.id, sessionId), eq(marketerSessions.marketerId, marketerId)))
    .returning({ teamId: marketerSessions.teamId });
  return Boolean(row?.teamId);
}

/** The marketer a live session belongs to, with the team it looks at, in one round trip; null when it ended or expired. */
export async function findSessionMarketer(
  db: Db,
  sessionId: string,
  marketerId: string,
  now = new Date(),
): Promise<SessionMarketer | null> {
  if (!UUID.test(sessionId) || !UUID.test(marketerId)) return null;
  const [row] = await db
    .select({
      id: marketers.id,
      name: marketers.name,
      email: marketers.email,
      teamId: teamMembers.teamId,
      role: teamMembers.role,
    })
    .from(marketerSessions)
    .innerJoin(marketers, eq(marketers.id, marketerSessions.marketerId))
    // A team the marketer has left (or was removed from) is no team: the membership decides.
    .leftJoin(
      teamMembers,
      and(eq(teamMembers.teamId, marketerSessions.teamId), eq(teamMembers.marketerId, marketerSessions.marketerId)),
    )
    .where(
      and(
        eq(marketerSessions.id, sessionId),
        eq(marketerSessions.marketerId, marketerId),
        gt(marketerSessions.expiresAt, now),
      ),
    );
  if (!row) return null;
  const { teamId, role, ...marketer } = row;
  return { ...marketer, team: teamId && role ? { id: teamId, role } : null };
}

/** The teams a marketer belongs to, oldest membership first. */
export async function teamsOf(db: Db, marketerId: string) {
  return db
    .select({ id: teams.id, name: teams.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.marketerId, marketerId))
    .orderBy(asc(teamMembers.createdAt), asc(teamMembers.teamId));
}

/** Signing out: this session stops working wherever its cookie is. */
export async function endMarketerSession(db: Db, sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db.delete(marketerSessions).where(eq(marketerSessions.id, sessionId));
}

/** Every session of the marketer ends (what a password change must call). Returns how many. */
export async function endAllMarketerSessions(db: Db, marketerId: string): Promise<number> {
  const ended = await db
    .delete(marketerSessions)
    .where(eq(marketerSessions.marketerId, marketerId))
    .returning({ id: marketerSessions.id });
  return ended.length;
}
