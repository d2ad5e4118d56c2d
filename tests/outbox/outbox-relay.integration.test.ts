import { describe, expect, it, vi } from "vitest";
import { gt, inArray, sql } from "drizzle-orm";
import { outboxEvents, outboxPending } from "@/db/schema";
import { checkDatabaseHealth } from "@/lib/health/check-database";
import { createOutboxRelay, markEventsSent, type RelayedEvent } from "@/lib/outbox/relay";
import { createLead, createProgram, createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { createInboundProgram, inboundRequest } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { handleInboundQualify } from "@/lib/inbound/handle-inbound-qualify";
import { INBOUND_POLICY } from "@/lib/inbound/inbound-policy";
import { inngestEventApi } from "../helpers/inngest-event-api";

const database = setUpTestDatabase({ processDatabase: true });

/** Stands in for Inngest's event API: records every event id it is handed, in order. */
function inngestStandIn(options: { failFirst?: number; delayMs?: number } = {}) {
  const handed: string[] = [];
  let calls = 0;
  const send = async (events: RelayedEvent[]) => {
    calls++;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (calls <= (options.failFirst ?? 0)) {
      // Fails mid-batch: Inngest took the first half, then the connection dropped.
      handed.push(...events.slice(0, Math.floor(events.length / 2)).map((e) => e.id));
      throw new Error("fetch failed");
    }
    handed.push(...events.map((e) => e.id));
  };
  return { send, handed, calls: () => calls };
}

const unsentIn = async (campaignIds: string[]) =>
  database.db
    .select({ id: outboxPending.eventId })
    .from(outboxPending)
    .where(inArray(outboxPending.campaignId, campaignIds));

/** Leaves every unsent event of other test files alone: this file's relays only see their own. */
async function clearOutbox() {
  await database.db.delete(outboxPending);
}

describe(`outbox relay under load (${databaseKind()})`, () => {
  it("hands each committed event over once, however many requests kick it at the same time", async () => {
    await clearOutbox();
    const inngest = inngestStandIn({ delayMs: 5 });
    const relay = createOutboxRelay({ db: async () => database.db, send: inngest.send });
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    // 40 joins, each kicking the relay right after it commits, as the request handlers do.
    const kicks = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await createReferrer(database.db, campaign.id, `Ref${i}`);
        return relay.kick();
      }),
    );
    expect(kicks).toHaveLength(40);
    await relay.kick();
    const ids = (
      await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(inArray(outboxEvents.campaignId, [campaign.id]))
    ).map((r) => r.id);
    expect(ids).toHaveLength(80); // user.joined and referrer.joined for each
    expect(new Set(inngest.handed).size).toBe(inngest.handed.length); // nothing handed over twice
    expect(inngest.handed.sort()).toEqual(ids.sort());
    expect(await unsentIn([campaign.id])).toHaveLength(0);
    expect(inngest.calls()).toBeLessThan(40); // batched, not one send per request
  });

  it("under a steady stream it sends a few times a second, and a backlog goes on without waiting", async () => {
    await clearOutbox();
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const eventsOfCampaign = async () =>
      (
        await database.db
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(inArray(outboxEvents.campaignId, [campaign.id]))
      ).map((r) => r.id);

    // Forty joins ~25 ms apart, each kicking the relay as a request does.
    const streaming = inngestStandIn();
    const relay = createOutboxRelay({ db: async () => database.db, send: streaming.send, streamGatherMs: 250 });
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      await createReferrer(database.db, campaign.id, `Stream${i}`);
      void relay.kick();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await relay.kick();
    const elapsed = Date.now() - started;
    const streamed = await eventsOfCampaign();
    expect(streaming.handed.sort()).toEqual(streamed.sort());
    // One send per 250 ms gather (and one at each end), not one per 50 ms or per join, however
    // slowly the joins came.
    expect(streamed).toHaveLength(80);
    expect(streaming.calls()).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);

    // A backlog of four full batches is not gathered for between batches.
    await clearOutbox();
    for (let i = 0; i < 20; i++) await createReferrer(database.db, campaign.id, `Backlog${i}`);
    const draining = inngestStandIn();
    const backlogRelay = createOutboxRelay({
      db: async () => database.db,
      send: draining.send,
      batch: 10,
      streamGatherMs: 5_000,
    });
    const drainStarted = Date.now();
    await backlogRelay.kick();
    expect(draining.calls()).toBe(4);
    expect(Date.now() - drainStarted).toBeLessThan(5_000);
    expect(draining.handed.sort()).toEqual((await eventsOfCampaign()).filter((id) => !streamed.includes(id)).sort());
    expect(await unsentIn([campaign.id])).toHaveLength(0);
  });

  it("loses nothing when Inngest fails mid-batch, and retries by itself", async () => {
    await clearOutbox();
    const inngest = inngestStandIn({ failFirst: 1 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const relay = createOutboxRelay({ db: async () => database.db, send: inngest.send, retryDelayMs: 100 });
    const { campaign } = await createProgram(database.db);
    await relay.kick();
    expect(await unsentIn([campaign.id])).toHaveLength(4); // the failed batch stays in the outbox
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/relay deferred/));
    await relay.kick(); // a request inside the pause does not hammer Inngest
    expect(inngest.calls()).toBe(1);
    await vi.waitFor(async () => expect(await unsentIn([campaign.id])).toHaveLength(0), { timeout: 5_000 });
    const ids = (
      await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(inArray(outboxEvents.campaignId, [campaign.id]))
    ).map((r) => r.id);
    expect(new Set(inngest.handed)).toEqual(new Set(ids)); // every event reached Inngest
    warn.mockRestore();
  });

  it("overlapping relays (other instances, the sweep) mark the same rows without deadlock", async () => {
    await clearOutbox();
    const { campaign } = await createProgram(database.db);
    const ids = (await unsentIn([campaign.id])).map((r) => r.id);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => markEventsSent(database.db, i % 2 ? ids : [...ids].reverse())),
    );
    expect(await unsentIn([campaign.id])).toHaveLength(0);
  });

  it("a backlog of 1,000 unsent events meeting a burst of 150 requests drains, and the app stays healthy", async () => {
    await clearOutbox();
    const program = await createInboundProgram(database.db);
    // The backlog: 1,000 events written while Inngest was unreachable.
    await database.db.execute(sql`
      with written as (
        insert into outbox_events (team_id, campaign_id, type, data, created_at)
        select ${program.team.teamId}, ${program.campaign.id}, 'user.joined', '{"user": {"source": "Direct"}}'::jsonb, now() - interval '10 minutes'
        from generate_series(1, 1000)
        returning id, team_id, campaign_id, type, created_at)
      insert into outbox_pending (event_id, team_id, campaign_id, type, created_at) select * from written`);
    const leads = await Promise.all(
      Array.from({ length: 150 }, (_, i) => createLead(database.db, program.referrer.referralCode, `Burst${i}`)),
    );
    await database.db.delete(outboxPending).where(gt(outboxPending.createdAt, sql`now() - interval '5 minutes'`));

    const backlog = (await unsentIn([program.campaign.id])).map((r) => r.id);
    expect(backlog).toHaveLength(1000);
    // Each request that qualifies relays by itself, through the app's Inngest client, to the
    // loopback stand-in for Inngest's event API.
    const burst = Promise.all(
      leads.map((lead) =>
        handleInboundQualify(
          database.db,
          program.token,
          inboundRequest(program.token, { json: { referral_code: lead.referralCode } }),
          INBOUND_POLICY,
        ),
      ),
    );
    const health = await checkDatabaseHealth();
    const statuses = (await burst).map((r) => r.status);
    expect(health.status).toBe("ok");
    expect(statuses.every((s) => s === 200)).toBe(true);
    await vi.waitFor(async () => expect(await unsentIn([program.campaign.id])).toHaveLength(0), {
      timeout: 20_000,
      interval: 100,
    });

    const qualifiedEvents = await database.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(
        sql`${inArray(outboxEvents.campaignId, [program.campaign.id])} and ${outboxEvents.type} = 'lead.qualified'`,
      );
    expect(qualifiedEvents).toHaveLength(150);
    const expected = [...backlog, ...qualifiedEvents.map((e) => e.id)];
    const { handed } = inngestEventApi();
    // None lost, none handed over twice.
    expect(expected.map((id) => handed.get(id))).toEqual(expected.map(() => 1));
  });
});
