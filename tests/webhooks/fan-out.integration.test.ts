import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { deliveries, outboxEvents, webhooks } from "@/db/schema";
import { FAN_OUT_CHUNK, fanOutEvent } from "@/inngest/fan-out-event";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { createLead, createProgram, createTestCampaign } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });

const NEVER_CALLED = "http://127.0.0.1:9/hooks"; // fan-out only creates deliveries

type Program = Awaited<ReturnType<typeof createProgram>>;

async function addWebhooks(
  team: Program["team"],
  campaignId: string,
  count: number,
  input: Partial<WebhookInput> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await createWebhook(team, campaignId, {
      name: `Hook ${i}`,
      url: NEVER_CALLED,
      event: "lead.created",
      ...input,
    });
    if (!created.ok) throw new Error(created.message);
    ids.push(created.value.id);
  }
  return ids;
}

/** A new lead (source Referred) and its lead.created event. */
async function newLeadCreatedEvent(program: Program) {
  const lead = await createLead(database.db, program.referrer.referralCode);
  const [event] = await database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.type, "lead.created"), sql`${outboxEvents.data}->'user'->>'id' = ${lead.id}`));
  return event!;
}

const deliveriesOf = (eventId: string) => database.db.select().from(deliveries).where(eq(deliveries.eventId, eventId));

describe(`fan-out to many webhooks (${databaseKind()})`, () => {
  let program: Program;
  let matching: string[];
  let disabled: string[];
  beforeAll(async () => {
    program = await createProgram(database.db);
    const { team, campaign } = program;
    matching = [
      ...(await addWebhooks(team, campaign.id, 110)),
      ...(await addWebhooks(team, campaign.id, 10, { sources: ["Referred", "API"] })),
    ];
    await addWebhooks(team, campaign.id, 10, { sources: ["Direct", "API"] }); // the lead came in Referred
    await addWebhooks(team, campaign.id, 10, { event: "lead.qualified" });
    disabled = await addWebhooks(team, campaign.id, 5);
    await database.db
      .update(webhooks)
      .set({ status: "disabled", disabledReason: "test" })
      .where(inArray(webhooks.id, disabled));
    const otherCampaign = await createTestCampaign(team, { name: "Other campaign" });
    await addWebhooks(team, otherCampaign.id, 3);
    const otherTeam = await createProgram(database.db);
    await addWebhooks(otherTeam.team, otherTeam.campaign.id, 3);
  }, 120_000);

  it("creates exactly one delivery per matching webhook, failed ones for disabled webhooks, and dispatches the pending ones", async () => {
    const event = await newLeadCreatedEvent(program);
    const dispatches = await createDeliveriesForEvent(database.db, event.id);
    expect(dispatches.map((d) => d.webhookId).sort()).toEqual([...matching].sort());
    expect(new Set(dispatches.map((d) => d.deliveryId)).size).toBe(matching.length);
    expect(dispatches.every((d) => d.dispatchCount === 1)).toBe(true);

    const rows = await deliveriesOf(event.id);
    expect(rows).toHaveLength(matching.length + disabled.length);
    const missed = rows.filter((r) => disabled.includes(r.webhookId));
    expect(missed).toHaveLength(disabled.length);
    for (const row of missed) {
      expect(row).toMatchObject({
        status: "failed",
        attemptCount: 0,
        lastError: "Webhook disabled when the event happened",
        completedAt: expect.any(Date),
      });
    }
    expect(
      rows
        .filter((r) => !disabled.includes(r.webhookId))
        .every((r) => r.status === "pending" && r.eventType === "lead.created"),
    ).toBe(true);
    expect(rows.every((r) => r.teamId === program.team.teamId)).toBe(true);
  });

  it("a re-run creates nothing twice and returns only what still waits to be dispatched", async () => {
    const event = await newLeadCreatedEvent(program);
    const first = await createDeliveriesForEvent(database.db, event.id);
    const again = await createDeliveriesForEvent(database.db, event.id);
    expect(again.map((d) => d.deliveryId).sort()).toEqual(first.map((d) => d.deliveryId).sort()); // the step ran but its result was lost
    const delivered = first.slice(0, 30).map((d) => d.deliveryId);
    await database.db.update(deliveries).set({ status: "delivered" }).where(inArray(deliveries.id, delivered));
    const third = await createDeliveriesForEvent(database.db, event.id);
    expect(third).toHaveLength(first.length - 30);
    expect(third.some((d) => delivered.includes(d.deliveryId))).toBe(false);
    expect(await deliveriesOf(event.id)).toHaveLength(matching.length + disabled.length);
  });

  it("concurrent runs for one event create each delivery once and between them dispatch every one", async () => {
    const event = await newLeadCreatedEvent(program);
    const runs = await Promise.all([1, 2, 3].map(() => createDeliveriesForEvent(database.db, event.id)));
    for (const run of runs) expect(new Set(run.map((d) => d.deliveryId)).size).toBe(run.length);
    const dispatched = new Set(runs.flat().map((d) => d.deliveryId));
    const rows = await deliveriesOf(event.id);
    expect(rows).toHaveLength(matching.length + disabled.length);
    expect([...dispatched].sort()).toEqual(
      rows
        .filter((r) => r.status === "pending")
        .map((r) => r.id)
        .sort(),
    );
  });

  it("an unknown event fans out to nothing", async () => {
    expect(await createDeliveriesForEvent(database.db, "00000000-0000-4000-8000-000000000000")).toEqual([]);
  });

  it("the fan-out function sends one delivery request per pending delivery, in chunks", async () => {
    const event = await newLeadCreatedEvent(program);
    const chunks = Math.ceil(matching.length / FAN_OUT_CHUNK);
    const steps = Array.from({ length: chunks }, (_, i) => mockSendEvent(`dispatch-${i}`));
    const run = await runInngestFunction(
      fanOutEvent,
      {
        id: event.id,
        name: "referwire/event.recorded",
        data: { eventId: event.id, campaignId: program.campaign.id, type: event.type },
      },
      steps,
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual({ deliveries: matching.length });
    const calls = (run.ctx.step.sendEvent as unknown as { mock: { calls: [string, unknown[]][] } }).mock.calls;
    expect(calls.map(([, payload]) => payload.length)).toEqual([FAN_OUT_CHUNK, matching.length - FAN_OUT_CHUNK]);
    const requests = sentEvents(run.ctx);
    expect(new Set(requests.map((r) => r.id)).size).toBe(matching.length);
    expect(requests.every((r) => r.name === "referwire/delivery.requested" && r.id === `${r.data.deliveryId}:1`)).toBe(
      true,
    );
  });
});
