import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { deliveries, outboxEvents, webhooks, type Delivery, type EventType } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { listDeliveries, type DeliveryFilter } from "@/lib/webhooks/delivery/list-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { createLead, createProgram } from "../helpers/fixtures";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });

async function webhookOn(ctx: TeamContext, campaignId: string, event: EventType = "lead.created") {
  const created = await createWebhook(ctx, campaignId, { name: "CRM", url: "https://example.com/hooks", event });
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

async function insertDelivery(
  ctx: TeamContext,
  webhookId: string,
  fields: Partial<Pick<Delivery, "status" | "eventType" | "createdAt" | "participantEmail">> = {},
) {
  const [row] = await ctx.db
    .insert(deliveries)
    .values({ teamId: ctx.teamId, webhookId, eventType: "lead.created", isTest: true, ...fields })
    .returning();
  return row!;
}

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

describe(`delivery log filters and search (${databaseKind()})`, () => {
  it("filters by status, event type and time range (from inclusive, to exclusive)", async () => {
    const { team, campaign } = await createProgram(database.db);
    const webhook = await webhookOn(team, campaign.id);
    const at = (iso: string) => new Date(iso);
    const a = await insertDelivery(team, webhook.id, { status: "delivered", createdAt: at("2026-03-01T10:00:00Z") });
    const b = await insertDelivery(team, webhook.id, { status: "failed", createdAt: at("2026-03-01T11:00:00Z") });
    const c = await insertDelivery(team, webhook.id, {
      status: "retrying",
      eventType: "user.joined",
      createdAt: at("2026-03-01T12:00:00Z"),
    });
    const d = await insertDelivery(team, webhook.id, { status: "failed", createdAt: at("2026-03-02T09:00:00Z") });
    const list = (filter: DeliveryFilter) => listDeliveries(team, webhook.id, { filter });

    expect(ids(await list({}))).toEqual([d.id, c.id, b.id, a.id]);
    expect(ids(await list({ status: "failed" }))).toEqual([d.id, b.id]);
    expect(ids(await list({ status: "pending" }))).toEqual([]);
    expect(ids(await list({ eventType: "user.joined" }))).toEqual([c.id]);
    expect(ids(await list({ from: at("2026-03-01T11:00:00Z"), to: at("2026-03-01T12:00:00Z") }))).toEqual([b.id]);
    expect(ids(await list({ from: at("2026-03-01T11:00:00Z") }))).toEqual([d.id, c.id, b.id]);
    expect(ids(await list({ to: at("2026-03-01T11:00:01Z"), status: "delivered" }))).toEqual([a.id]);
    expect(ids(await list({ status: "failed", from: at("2026-03-02T00:00:00Z") }))).toEqual([d.id]);
  });

  it("finds deliveries by delivery id, event id or the email of the event's person (any case)", async () => {
    const receiver = await startReceiver();
    try {
      const program = await createProgram(database.db);
      const { team, campaign, referrer } = program;
      const webhook = await webhookOn(team, campaign.id);
      const other = await createLead(database.db, referrer.referralCode, "Noor");
      const dispatched = new Map<string, { deliveryId: string; eventId: string }>();
      for (const lead of [program.lead, other]) {
        const [event] = await database.db
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(
            and(
              eq(outboxEvents.campaignId, campaign.id),
              eq(outboxEvents.type, "lead.created"),
              sql`${outboxEvents.data}->'user'->>'id' = ${lead.id}`,
            ),
          );
        const [dispatch] = await createDeliveriesForEvent(database.db, event!.id);
        dispatched.set(lead.email, { deliveryId: dispatch!.deliveryId, eventId: event!.id });
      }
      const mine = dispatched.get(program.lead.email)!;
      const list = (filter: DeliveryFilter) => listDeliveries(team, webhook.id, { filter });

      // The fan-out copied each event's person onto its delivery.
      const [row] = (await list({ search: { id: mine.deliveryId } })).rows;
      expect(row).toMatchObject({ id: mine.deliveryId, eventId: mine.eventId, participantEmail: program.lead.email });
      expect(ids(await list({ search: { id: mine.eventId } }))).toEqual([mine.deliveryId]);
      expect(ids(await list({ search: { email: program.lead.email.toUpperCase() } }))).toEqual([mine.deliveryId]);
      expect(ids(await list({ search: { email: `  ${other.email} ` } }))).toEqual([
        dispatched.get(other.email)!.deliveryId,
      ]);
      expect(ids(await list({ search: { email: "nobody@example.com" } }))).toEqual([]);
      expect(ids(await list({ search: { email: program.lead.email }, status: "failed" }))).toEqual([]);

      // A test send has no event and no person: found by its id only.
      await database.db.update(webhooks).set({ url: receiver.url }).where(eq(webhooks.id, webhook.id));
      const test = await sendTestEvent(team, webhook.id);
      if (!test.ok) throw new Error(test.message);
      const [testRow] = (await list({ search: { id: test.value.deliveryId } })).rows;
      expect(testRow).toMatchObject({ isTest: true, eventId: null, participantEmail: null });
    } finally {
      await receiver.close();
    }
  });

  it("never shows another team's deliveries, whatever the ids and filters", async () => {
    const ours = await createProgram(database.db);
    const theirs = await createProgram(database.db);
    const ourHook = await webhookOn(ours.team, ours.campaign.id);
    const theirHook = await webhookOn(theirs.team, theirs.campaign.id);
    const [theirEvent] = await database.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.campaignId, theirs.campaign.id), eq(outboxEvents.type, "lead.created")));
    const [theirDispatch] = await createDeliveriesForEvent(database.db, theirEvent!.id);
    await insertDelivery(ours.team, ourHook.id);

    // Their webhook through our team, and their ids through our webhook.
    expect((await listDeliveries(ours.team, theirHook.id)).rows).toEqual([]);
    for (const filter of [
      { search: { id: theirDispatch!.deliveryId } },
      { search: { id: theirEvent!.id } },
      { search: { email: theirs.lead.email } },
    ]) {
      expect((await listDeliveries(ours.team, ourHook.id, { filter })).rows).toEqual([]);
      expect((await listDeliveries(ours.team, theirHook.id, { filter })).rows).toEqual([]);
    }
    expect(ids(await listDeliveries(theirs.team, theirHook.id))).toEqual([theirDispatch!.deliveryId]);
  });
});

describe(`delivery log keyset pages (${databaseKind()})`, () => {
  it("pages newest first; rows arriving between page loads never repeat or skip a row, either way", async () => {
    const { team, campaign } = await createProgram(database.db);
    const webhook = await webhookOn(team, campaign.id);
    const base = Date.parse("2026-03-01T00:00:00Z");
    // 60 deliveries, in pairs that share their created_at to the microsecond: order within a pair goes by id.
    for (let i = 0; i < 30; i++) {
      const createdAt = sql`${new Date(base + i * 1000).toISOString()}::timestamptz + interval '123 microseconds'`;
      await database.db.execute(sql`
        insert into deliveries (team_id, webhook_id, event_type, is_test, created_at)
        select ${team.teamId}, ${webhook.id}, 'lead.created', true, ${createdAt} from generate_series(1, 2)`);
    }
    const expected = (
      await database.db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(eq(deliveries.webhookId, webhook.id))
        .orderBy(sql`created_at desc, id desc`)
    ).map((r) => r.id);
    expect(expected).toHaveLength(60);

    const seen: string[] = [];
    const pages = [];
    let page = await listDeliveries(team, webhook.id, { pageSize: 25 });
    for (;;) {
      pages.push(page);
      seen.push(...ids(page));
      // New deliveries arrive (now, so newer than every row) before the reader goes on.
      await insertDelivery(team, webhook.id);
      await insertDelivery(team, webhook.id);
      if (!page.older) break;
      page = await listDeliveries(team, webhook.id, { pageSize: 25, after: page.older });
    }
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    expect(pages[0]!.newer).toBeNull();
    expect(pages[2]!.older).toBeNull();

    // Back from the last page: exactly the page before it, although six rows arrived meanwhile.
    const back = await listDeliveries(team, webhook.id, { pageSize: 25, before: pages[2]!.newer! });
    expect(ids(back)).toEqual(ids(pages[1]!));
    expect(back.older).toEqual(pages[1]!.older);
    // Back again: the first page, with the six new rows still above it.
    const top = await listDeliveries(team, webhook.id, { pageSize: 25, before: back.newer! });
    expect(ids(top)).toEqual(ids(pages[0]!));
    expect(top.newer).not.toBeNull();
    // Above that only the six new rows: less than a page, so the newest page comes whole.
    const newest = await listDeliveries(team, webhook.id, { pageSize: 25, before: top.newer! });
    expect(newest.newer).toBeNull();
    expect(newest.rows).toHaveLength(25);
    expect(ids(newest).slice(6)).toEqual(ids(pages[0]!).slice(0, 19));
  });

  it("a cursor whose row is gone still marks its place", async () => {
    const { team, campaign } = await createProgram(database.db);
    const webhook = await webhookOn(team, campaign.id);
    for (let i = 0; i < 5; i++)
      await insertDelivery(team, webhook.id, { createdAt: new Date(Date.parse("2026-03-01T00:00:00Z") + i * 1000) });
    const first = await listDeliveries(team, webhook.id, { pageSize: 2 });
    await database.db.delete(deliveries).where(eq(deliveries.id, first.rows[1]!.id));
    const next = await listDeliveries(team, webhook.id, { pageSize: 2, after: first.older! });
    expect(next.rows.map((r) => r.createdAt.toISOString())).toEqual([
      "2026-03-01T00:00:02.000Z",
      "2026-03-01T00:00:01.000Z",
    ]);
  });
});
