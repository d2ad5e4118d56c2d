import { afterEach, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { deliveries, deliveryAttempts, outboxEvents, webhooks } from "@/db/schema";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { performDeliveryAttempt, type AttemptDeps } from "@/lib/webhooks/delivery/perform-attempt";
import { listWebhooks } from "@/lib/webhooks/webhook-views";
import { FAILURE_DISABLE_THRESHOLD, FAILURE_WARNING_THRESHOLD, RETRY_SCHEDULE_MS } from "@/lib/webhooks/policy";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import type { AttemptResult } from "@/lib/webhooks/send-webhook-request";
import { createLead, createProgram } from "../helpers/fixtures";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(() => receiver?.close());

const LAST_ATTEMPT = RETRY_SCHEDULE_MS.length; // a failure here uses up the schedule: the delivery fails

/** A webhook on the receiver with `count` pending deliveries, one per new lead. */
async function webhookWithDeliveries(count: number) {
  const program = await createProgram(database.db);
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Receiver",
    url: receiver.url,
    event: "lead.created",
  });
  if (!created.ok) throw new Error(created.message);
  for (let i = 1; i < count; i++) await createLead(database.db, program.referrer.referralCode);
  const events = await database.db
    .select({ id: outboxEvents.id, type: outboxEvents.type })
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, program.campaign.id));
  const deliveryIds: string[] = [];
  for (const event of events.filter((e) => e.type === "lead.created")) {
    deliveryIds.push(...(await createDeliveriesForEvent(database.db, event.id)).map((d) => d.deliveryId));
  }
  expect(deliveryIds).toHaveLength(count);
  return { ...program, webhook: created.value, deliveryIds };
}

/**
 * A stand-in for the HTTP request that holds every caller until `callers` of them are waiting:
 * all the attempts have claimed their delivery before any records its result.
 */
function sendAfterAll(callers: number, status: number): NonNullable<AttemptDeps["send"]> {
  let arrived = 0;
  let release = () => {};
  const everyone = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    if (++arrived === callers) release();
    await everyone;
    const result: AttemptResult = { status, responseBody: null, responseHeaders: {}, error: null, durationMs: 1 };
    return result;
  };
}

const webhookRow = async (id: string) => (await database.db.select().from(webhooks).where(eq(webhooks.id, id)))[0]!;
/** The row version: it changes whenever the row is written (and so locked). */
const rowVersion = async (id: string) =>
  (await selectRows<{ xmin: string }>(database.db, sql`select xmin::text from webhooks where id = ${id}`))[0]!.xmin;

describe(`concurrent attempts on one webhook (${databaseKind()})`, () => {
  it("counts every failed delivery under concurrency: warns at 5, disables once at 20", async () => {
    receiver = await startReceiver();
    const { team, campaign, webhook, deliveryIds } = await webhookWithDeliveries(25);
    const firstFive = deliveryIds.slice(0, FAILURE_WARNING_THRESHOLD);
    const failAll = sendAfterAll(firstFive.length, 500);
    await Promise.all(firstFive.map((id) => performDeliveryAttempt(database.db, id, LAST_ATTEMPT, { send: failAll })));
    const [listed] = await listWebhooks(team, campaign.id);
    expect(listed).toMatchObject({ status: "active", consecutiveFailures: FAILURE_WARNING_THRESHOLD }); // the tab shows "Failing"

    const rest = deliveryIds.slice(FAILURE_WARNING_THRESHOLD);
    const send = sendAfterAll(rest.length, 500);
    const steps = await Promise.all(rest.map((id) => performDeliveryAttempt(database.db, id, LAST_ATTEMPT, { send })));
    expect(steps.every((s) => s.next === "done" && s.status === "failed")).toBe(true);
    expect(await webhookRow(webhook.id)).toMatchObject({
      status: "disabled",
      consecutiveFailures: 25,
      disabledReason: `${FAILURE_DISABLE_THRESHOLD} deliveries in a row failed`,
      disabledAt: expect.any(Date),
    });
    const attempts = await database.db
      .select()
      .from(deliveryAttempts)
      .where(inArray(deliveryAttempts.deliveryId, deliveryIds));
    expect(attempts).toHaveLength(25);
    expect(attempts.every((a) => a.outcome === "failed" && a.attemptNumber === 1)).toBe(true);
    const rows = await database.db.select().from(deliveries).where(inArray(deliveries.id, deliveryIds));
    expect(rows.every((r) => r.status === "failed" && r.attemptCount === 1 && r.completedAt !== null)).toBe(true);
  });

  it("a delivered attempt resets the count; while it is 0, deliveries never write the webhook row", async () => {
    receiver = await startReceiver([{ status: 200, body: "ok" }]);
    const { webhook, deliveryIds } = await webhookWithDeliveries(20);
    await database.db.update(webhooks).set({ consecutiveFailures: 3 }).where(eq(webhooks.id, webhook.id));
    expect(await performDeliveryAttempt(database.db, deliveryIds[0]!, 1)).toEqual({
      next: "done",
      status: "delivered",
    });
    expect((await webhookRow(webhook.id)).consecutiveFailures).toBe(0);

    const version = await rowVersion(webhook.id);
    const rest = deliveryIds.slice(1);
    const steps = await Promise.all(rest.map((id) => performDeliveryAttempt(database.db, id, 1)));
    expect(steps.every((s) => s.next === "done" && s.status === "delivered")).toBe(true);
    expect(await rowVersion(webhook.id)).toBe(version);
    expect(receiver.received).toHaveLength(20);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(deliveryIds));
    const attempts = await database.db
      .select()
      .from(deliveryAttempts)
      .where(inArray(deliveryAttempts.deliveryId, deliveryIds));
    expect(attempts).toHaveLength(20);
  });

  it("two runs racing on one delivery both record their attempt, numbered apart", async () => {
    receiver = await startReceiver();
    const { deliveryIds } = await webhookWithDeliveries(1);
    const send = sendAfterAll(2, 200);
    await Promise.all([1, 2].map(() => performDeliveryAttempt(database.db, deliveryIds[0]!, 1, { send })));
    const attempts = await database.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, deliveryIds[0]!));
    expect(attempts.map((a) => a.attemptNumber).sort()).toEqual([1, 2]);
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryIds[0]!)))[0]).toMatchObject({
      status: "delivered",
      attemptCount: 2,
    });
  });

  it("an attempt due after its webhook was disabled sends nothing and settles failed, uncounted", async () => {
    receiver = await startReceiver();
    const { webhook, deliveryIds } = await webhookWithDeliveries(1);
    await database.db
      .update(webhooks)
      .set({ status: "disabled", disabledReason: "by a test", consecutiveFailures: 2 })
      .where(eq(webhooks.id, webhook.id));
    expect(await performDeliveryAttempt(database.db, deliveryIds[0]!, 3)).toEqual({ next: "done", status: "failed" });
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryIds[0]!)))[0]).toMatchObject({
      status: "failed",
      attemptCount: 0,
      lastError: "Webhook disabled: by a test",
      nextAttemptAt: null,
    });
    expect((await webhookRow(webhook.id)).consecutiveFailures).toBe(2);
    expect(receiver.received).toHaveLength(0);
    // Run again (Inngest retried the step): it reports the settled status and sends nothing.
    expect(await performDeliveryAttempt(database.db, deliveryIds[0]!, 3)).toEqual({ next: "done", status: "failed" });
    expect(receiver.received).toHaveLength(0);
  });
});
