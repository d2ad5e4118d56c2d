import { eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { outboxEvents, outboxPending, outboxRelayPulse } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { deliveryEngineStatus, STALLED_AFTER_MS } from "@/lib/outbox/engine-status";
import { markEventsSent, relayOutbox, type SendEvents } from "@/lib/outbox/relay";
import { createProgram } from "../helpers/fixtures";
import { inngestEventApi } from "../helpers/inngest-event-api";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();
const pulse = async () => (await database.db.select().from(outboxRelayPulse).where(eq(outboxRelayPulse.id, 1)))[0]!;
const unreachable: SendEvents = async () => {
  throw new Error("connect ECONNREFUSED 127.0.0.1:8288");
};
// Each test starts with nothing unsent, so the relay only sees its own program's events.
const handOverEverything = () => database.db.delete(outboxPending);

describe(`the delivery engine's status (${databaseKind()})`, () => {
  it("with Inngest reachable: nothing waits, and the last hand-off is recent", async () => {
    await handOverEverything();
    const program = await createProgram(database.db);
    expect((await deliveryEngineStatus(database.db, program.team.teamId)).waiting).toBe(4);
    const relayed = await relayOutbox(database.db, (events) => inngest.send(events));
    expect(relayed).toMatchObject({ sent: 4 });
    expect(inngestEventApi().requests()).toBeGreaterThan(0);
    const status = await deliveryEngineStatus(database.db, program.team.teamId);
    expect(status).toMatchObject({ waiting: 0, oldestWaitingAt: null, failure: null, state: "flowing" });
    expect(Date.now() - status.lastHandOffAt!.getTime()).toBeLessThan(10_000);
  });

  it("with Inngest unreachable: the team's events wait, the failure is recorded, and after a minute it is stalled", async () => {
    await handOverEverything();
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    const mine = await createProgram(database.db);
    const theirs = await createProgram(database.db);
    await database.db.update(outboxRelayPulse).set({ lastFailureAt: null }).where(eq(outboxRelayPulse.id, 1));
    expect(await relayOutbox(database.db, unreachable)).toMatchObject({
      sent: 0,
      error: expect.stringContaining("ECONNREFUSED"),
    });
    quiet.mockRestore();

    const now = await deliveryEngineStatus(database.db, mine.team.teamId);
    expect(now).toMatchObject({
      waiting: 4,
      state: "flowing",
      failure: { message: expect.stringContaining("ECONNREFUSED") },
    });
    const later = await deliveryEngineStatus(
      database.db,
      mine.team.teamId,
      new Date(Date.now() + STALLED_AFTER_MS + 1_000),
    );
    expect(later).toMatchObject({ waiting: 4, state: "stalled" });
    expect(later.oldestWaitingAt).toBeInstanceOf(Date);
    // Everyone's backlog, for the operator's health check.
    expect((await deliveryEngineStatus(database.db, null)).waiting).toBe(8);
    expect((await deliveryEngineStatus(database.db, theirs.team.teamId)).waiting).toBe(4);
  });

  it("a hand-off after the failure clears it; the pulse is written at most every few seconds", async () => {
    await handOverEverything();
    const program = await createProgram(database.db);
    await database.db.update(outboxRelayPulse).set({ lastHandOffAt: null }).where(eq(outboxRelayPulse.id, 1));
    const ids = (
      await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(eq(outboxEvents.campaignId, program.campaign.id))
    ).map((r) => r.id);
    await markEventsSent(database.db, ids.slice(0, 2));
    const first = (await pulse()).lastHandOffAt!;
    await markEventsSent(database.db, ids.slice(2));
    expect((await pulse()).lastHandOffAt).toEqual(first);
    expect(await database.db.select().from(outboxPending).where(inArray(outboxPending.eventId, ids))).toEqual([]);
    expect((await deliveryEngineStatus(database.db, program.team.teamId)).failure).toBeNull();
  });
});
