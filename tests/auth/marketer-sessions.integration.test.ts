import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { marketerSessions, marketers } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/auth.config";
import {
  endAllMarketerSessions,
  endMarketerSession,
  findSessionMarketer,
  startMarketerSession,
} from "@/lib/auth/marketer-sessions";
import { createTeam } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

async function newMarketer() {
  const team = await createTeam(database.db);
  const [marketer] = await database.db
    .select({ id: marketers.id })
    .from(marketers)
    .where(eq(marketers.email, team.email));
  return { ...team, marketerId: marketer!.id };
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe(`server-side sessions (${databaseKind()})`, () => {
  it("a session works from sign-in until sign-out, and a copy of its cookie stops working with it", async () => {
    const { db } = database;
    const { marketerId, teamId, email } = await newMarketer();
    const sessionId = await startMarketerSession(db, marketerId);
    expect(await findSessionMarketer(db, sessionId, marketerId)).toEqual({
      id: marketerId,
      team: { id: teamId, role: "owner" },
      email,
      name: "Test Marketer",
    });

    await endMarketerSession(db, sessionId);
    expect(await findSessionMarketer(db, sessionId, marketerId)).toBeNull();
  });

  it("ending all of a marketer's sessions (a password change) cuts off every device, and nobody else", async () => {
    const { db } = database;
    const owner = await newMarketer();
    const other = await newMarketer();
    const laptop = await startMarketerSession(db, owner.marketerId);
    const phone = await startMarketerSession(db, owner.marketerId);
    const others = await startMarketerSession(db, other.marketerId);

    expect(await endAllMarketerSessions(db, owner.marketerId)).toBe(2);
    expect(await findSessionMarketer(db, laptop, owner.marketerId)).toBeNull();
    expect(await findSessionMarketer(db, phone, owner.marketerId)).toBeNull();
    expect(await findSessionMarketer(db, others, other.marketerId)).toMatchObject({ id: other.marketerId });
  });

  it("a session expires with the cookie's max age, and the next sign-in clears expired rows", async () => {
    const { db } = database;
    const { marketerId } = await newMarketer();
    const signedInAt = new Date(Date.now() - 40 * DAY_MS);
    const old = await startMarketerSession(db, marketerId, { now: signedInAt });
    const justBefore = new Date(signedInAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    expect(await findSessionMarketer(db, old, marketerId, justBefore)).toMatchObject({ id: marketerId });
    expect(await findSessionMarketer(db, old, marketerId)).toBeNull();

    const fresh = await startMarketerSession(db, marketerId);
    const rows = await db
      .select({ id: marketerSessions.id })
      .from(marketerSessions)
      .where(eq(marketerSessions.marketerId, marketerId));
    expect(rows.map((r) => r.id)).toEqual([fresh]);
  });

  it("a session id works only with the marketer it was issued to, and junk ids find nobody", async () => {
    const { db } = database;
    const owner = await newMarketer();
    const other = await newMarketer();
    const sessionId = await startMarketerSession(db, owner.marketerId);
    expect(await findSessionMarketer(db, sessionId, other.marketerId)).toBeNull();
    expect(await findSessionMarketer(db, randomUUID(), owner.marketerId)).toBeNull();
    expect(await findSessionMarketer(db, "not-a-uuid", owner.marketerId)).toBeNull();
    await endMarketerSession(db, "not-a-uuid");
  });

  it("deleting the marketer deletes their sessions", async () => {
    const { db } = database;
    const { marketerId } = await newMarketer();
    const sessionId = await startMarketerSession(db, marketerId);
    await db.delete(marketers).where(eq(marketers.id, marketerId));
    expect(await db.select().from(marketerSessions).where(eq(marketerSessions.id, sessionId))).toEqual([]);
  });
});
