import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketerSessions, marketers, type Marketer } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS } from "./auth.config";

/**
 * Server-side sessions. The session cookie is a signed JWT that only the server can end by
 * forgetting it: each sign-in gets a `marketer_sessions` row whose id the cookie carries, and a
 * cookie whose row is gone or expired signs nobody in. Signing out deletes the row; a password
 * change (or anything that must cut off every device) calls `endAllMarketerSessions`.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionMarketer = Pick<Marketer, "id" | "name" | "email" | "teamId">;

/** Records a new session for the marketer and returns its id; drops their expired ones. */
export async function startMarketerSession(db: Db, marketerId: string, now = new Date()): Promise<string> {
  await db
    .delete(marketerSessions)
    .where(and(eq(marketerSessions.marketerId, marketerId), lt(marketerSessions.expiresAt, now)));
  const [row] = await db
    .insert(marketerSessions)
    .values({ marketerId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
    .returning({ id: marketerSessions.id });
  return row!.id;
}

/** The marketer a live session belongs to, in one round trip; null when it ended or expired. */
export async function findSessionMarketer(
  db: Db,
  sessionId: string,
  marketerId: string,
  now = new Date(),
): Promise<SessionMarketer | null> {
  if (!UUID.test(sessionId) || !UUID.test(marketerId)) return null;
  const [marketer] = await db
    .select({ id: marketers.id, name: marketers.name, email: marketers.email, teamId: marketers.teamId })
    .from(marketerSessions)
    .innerJoin(marketers, eq(marketers.id, marketerSessions.marketerId))
    .where(
      and(
        eq(marketerSessions.id, sessionId),
        eq(marketerSessions.marketerId, marketerId),
        gt(marketerSessions.expiresAt, now),
      ),
    );
  return marketer ?? null;
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
