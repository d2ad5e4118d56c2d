import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { outboxEvents, outboxPending } from "@/db/schema";
import type { SignedInContext } from "@/lib/auth/session";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { createTeamAction } from "@/lib/actions/action-wrappers";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import { campaignSnapshot, userSnapshot } from "@/lib/events/snapshot";
import { recordEvent } from "@/lib/outbox/record-event";
import { relayEventsWrittenBy } from "@/lib/outbox/relay-written-events";
import { addParticipant } from "@/lib/participants/add-participant";
import { callApi } from "../helpers/api";
import { createProgram } from "../helpers/fixtures";
import { callInbound, createInboundProgram, inboundRequest } from "../helpers/inbound";
import { inngestEventApi } from "../helpers/inngest-event-api";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// The route handlers read the process's database; the relay they start hands events to the
// file's loopback stand-in for Inngest's event API.
const database = setUpTestDatabase({ processDatabase: true });

const eventsOf = (campaignId: string) =>
  database.db
    .select({ id: outboxEvents.id, type: outboxEvents.type })
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, campaignId));
const unsentOf = (campaignId: string) =>
  database.db.select({ id: outboxPending.eventId }).from(outboxPending).where(eq(outboxPending.campaignId, campaignId));

/** Marks the events written outside any request (the fixtures) as handed over; returns their ids. */
async function setAsideFixtureEvents(campaignId: string): Promise<Set<string>> {
  await database.db.delete(outboxPending).where(eq(outboxPending.campaignId, campaignId));
  return new Set((await eventsOf(campaignId)).map((e) => e.id));
}

/** Every event the request wrote reaches Inngest once, and is marked sent, without anyone asking. */
async function expectAllRelayedOnce(campaignId: string, setAside = new Set<string>()) {
  await vi.waitFor(async () => expect(await unsentOf(campaignId)).toHaveLength(0), { timeout: 5_000, interval: 50 });
  const ids = (await eventsOf(campaignId)).map((e) => e.id).filter((id) => !setAside.has(id));
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.map((id) => inngestEventApi().handed.get(id))).toEqual(ids.map(() => 1));
}

describe(`events a request writes are relayed after its response, by the wrapper (${databaseKind()})`, () => {
  it("an API request that writes events: POST /users", async () => {
    const program = await createProgram(database.db);
    const setAside = await setAsideFixtureEvents(program.campaign.id);
    const generated = await generateApiKey(program.team);
    if (!generated.ok) throw new Error(generated.message);
    const { key } = generated.value;
    const created = await callApi("POST", "/users", {
      key,
      body: { campaign_id: program.campaign.id, type: "referrer", first_name: "Ana", email: "ana-relay@example.com" },
    });
    expect(created.status).toBe(201);
    await expectAllRelayedOnce(program.campaign.id, setAside);
  });

  it("an inbound qualification; an already-qualified code writes nothing and wakes nothing", async () => {
    const program = await createInboundProgram(database.db);
    const post = () =>
      callInbound(
        database.db,
        program.token,
        inboundRequest(program.token, { json: { referral_code: program.lead.referralCode } }),
      );
    await setAsideFixtureEvents(program.campaign.id);

    expect(await post()).toMatchObject({ status: 200, body: { already_qualified: false } });
    await vi.waitFor(async () => expect(await unsentOf(program.campaign.id)).toHaveLength(0), {
      timeout: 5_000,
      interval: 50,
    });
    const [qualified] = (await eventsOf(program.campaign.id)).filter((e) => e.type === "lead.qualified");
    expect(inngestEventApi().handed.get(qualified!.id)).toBe(1);

    const requestsBefore = inngestEventApi().requests();
    expect(await post()).toMatchObject({ status: 200, body: { already_qualified: true } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inngestEventApi().requests()).toBe(requestsBefore);
  });

  it("a dashboard action, and nothing relayed for an action that failed before writing", async () => {
    const program = await createProgram(database.db);
    const setAside = await setAsideFixtureEvents(program.campaign.id);
    const ctx: SignedInContext = {
      ...program.team,
      marketer: { id: "00000000-0000-4000-8000-000000000002", name: "Test Marketer", email: program.team.email },
      role: "owner",
      sessionId: "00000000-0000-4000-8000-000000000003",
    };
    const teamAction = createTeamAction(async () => ctx);
    const addReferrer = teamAction(
      { name: "addParticipant", permission: "runProgram", schema: z.object({ email: z.string() }) },
      async ({ email }, team) => {
        const result = await addParticipant(team, program.campaign.id, {
          type: "referrer",
          firstName: "Bo",
          email,
          referrer: "",
        });
        return result.ok ? succeeded(undefined, "Referrer added") : failedWith(result);
      },
    );

    expect(await addReferrer({ email: "bo-relay@example.com" })).toMatchObject({ ok: true });
    await expectAllRelayedOnce(program.campaign.id, setAside);

    const requestsBefore = inngestEventApi().requests();
    expect(await addReferrer({ email: "not an email" })).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inngestEventApi().requests()).toBe(requestsBefore);
  });

  // PGlite has one connection: a transaction held open there holds every other statement too.
  it.skipIf(databaseKind() !== "postgres")(
    "a request that overlapped a write and ended first does not take the writer's kick away",
    async () => {
      const program = await createProgram(database.db);
      const setAside = await setAsideFixtureEvents(program.campaign.id);
      let commit!: () => void;
      let written!: () => void;
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      const wasWritten = new Promise<void>((resolve) => (written = resolve));
      const writer = relayEventsWrittenBy(
        () => database.db,
        () =>
          database.db.transaction(async (tx) => {
            await recordEvent(tx, {
              teamId: program.team.teamId,
              campaignId: program.campaign.id,
              type: "user.deleted",
              data: { user: userSnapshot(program.lead), campaign: campaignSnapshot(program.campaign), referrer: null },
            });
            written();
            await mayCommit;
          }),
      );
      await wasWritten;
      // Ends while the event is written but not committed: it kicks, and the relay finds nothing.
      await relayEventsWrittenBy(
        () => database.db,
        async () => "read only",
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await unsentOf(program.campaign.id)).toHaveLength(0); // not visible yet
      commit();
      await writer;
      await expectAllRelayedOnce(program.campaign.id, setAside);
    },
  );
});
