import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { deliveries, outboxEvents, outboxPending, webhooks } from "@/db/schema";
import { sweepOutbox } from "@/inngest/sweep-outbox";
import { createTeam } from "../helpers/fixtures";
import { listAttempts, listDeliveries } from "@/lib/webhooks/delivery/list-deliveries";
import { loadUnsentEvents, relayOutbox } from "@/lib/outbox/relay";
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { pruneDeliveries } from "@/lib/webhooks/delivery/prune-deliveries";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { replayFailedSince, resendDelivery } from "@/lib/webhooks/delivery/resend-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { reenableWebhook } from "@/lib/webhooks/manage-webhooks";
import { rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import { createProgram } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(() => receiver?.close());

async function setup() {
  const program = await createProgram(database.db);
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Receiver",
    url: receiver.url,
    event: "lead.created",
  });
  if (!created.ok) throw new Error(created.message);
  const [event] = await database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, program.campaign.id))
    .then((rows) => rows.filter((e) => e.type === "lead.created"));
  const [dispatch] = await createDeliveriesForEvent(database.db, event!.id);
  return { ...program, webhook: created.value, event: event!, deliveryId: dispatch!.deliveryId };
}

describe(`outbox relay (${databaseKind()})`, () => {
  it("keeps events in the outbox when Inngest is unreachable, and marks them sent once it answers", async () => {
    receiver = await startReceiver();
    const { campaign } = await setup();
    const unsent = async () =>
      (await loadUnsentEvents(database.db, { limit: 10_000 })).filter((e) => e.data.campaignId === campaign.id);
    expect(await unsent()).toHaveLength(4); // two join events each for the referrer and the lead
    expect(await relayOutbox(database.db, async () => Promise.reject(new Error("fetch failed")))).toMatchObject({
      sent: 0,
      error: "fetch failed",
    });
    expect(await unsent()).toHaveLength(4);
    const handed: string[] = [];
    await relayOutbox(database.db, async (events) => void handed.push(...events.map((e) => e.id)));
    expect(await unsent()).toHaveLength(0);
    const ids = (await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))).map(
      (e) => e.id,
    );
    expect(handed).toEqual(expect.arrayContaining(ids)); // the outbox id is the Inngest event id
  });

  it("the sweep re-sends events left unsent (process killed between commit and send)", async () => {
    receiver = await startReceiver();
    const { campaign } = await setup();
    await database.db
      .update(outboxPending)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(outboxPending.campaignId, campaign.id));
    const run = await runInngestFunction(sweepOutbox, { name: "inngest/scheduled.timer", data: {} }, [
      mockSendEvent("relay-events"),
      mockSendEvent("redispatch-deliveries"),
    ]);
    expect(run.error).toBeUndefined();
    const relayed = sentEvents(run.ctx).filter(
      (e) => e.name === "referwire/event.recorded" && e.data.campaignId === campaign.id,
    );
    expect(relayed).toHaveLength(4);
    expect(relayed.every((e) => e.id === e.data.eventId)).toBe(true);
    expect(await database.db.select().from(outboxPending).where(eq(outboxPending.campaignId, campaign.id))).toEqual([]);
  });
});

describe(`delivery attempts (${databaseKind()})`, () => {
  it("a timeout is recorded as a failed attempt to retry", async () => {
    receiver = await startReceiver(["hang"]);
    const { deliveryId } = await setup();
    const next = await performDeliveryAttempt(database.db, deliveryId, 1, { sendOptions: { timeoutMs: 300 } });
    expect(next).toEqual({ next: "retry", delayMs: 5_000 });
    const [attempt] = await listAttempts(
      {
        db: database.db,
        teamId: (await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId)))[0]!.teamId,
      },
      deliveryId,
    );
    expect(attempt).toMatchObject({
      responseStatus: null,
      outcome: "retry",
      error: expect.stringMatching(/timed out/i),
    });
    const [delivery] = await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(delivery).toMatchObject({ status: "retrying", attemptCount: 1, nextAttemptAt: expect.any(Date) });
  });

  it("test sends go out now with sample data, are logged, never retried and never counted", async () => {
    receiver = await startReceiver([{ status: 500, body: "nope" }]);
    const { team, webhook } = await setup();
    const result = await sendTestEvent(team, webhook.id);
    expect(result).toMatchObject({
      ok: true,
      value: { delivered: false, result: { status: 500, responseBody: "nope" } },
    });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: "lead.created",
      data: { user: { first_name: "Lin" } },
    });
    const [row] = await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row!.consecutiveFailures).toBe(0);
    if (!result.ok) return;
    expect(await resendDelivery(team, result.value.deliveryId)).toMatchObject({ ok: false, code: "conflict" });
    const log = await listDeliveries(team, webhook.id);
    expect(log.rows.find((d) => d.id === result.value.deliveryId)).toMatchObject({
      isTest: true,
      status: "failed",
      attemptCount: 1,
    });
    expect(receiver.received).toHaveLength(1);
  });

  it("resend queues a finished delivery again; replay queues every failed one since a time", async () => {
    receiver = await startReceiver([{ status: 500 }]);
    const { team, webhook, deliveryId } = await setup();
    for (let attempt = 1; attempt <= 8; attempt++) await performDeliveryAttempt(database.db, deliveryId, attempt);
    expect((await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId)))[0]).toMatchObject({
      status: "failed",
      attemptCount: 8,
    });
    expect(await replayFailedSince(team, webhook.id, new Date(Date.now() + 60_000))).toEqual({ ok: true, value: [] });
    const replayed = await replayFailedSince(team, webhook.id, new Date(Date.now() - 60_000));
    expect(replayed).toMatchObject({ ok: true, value: [{ deliveryId, dispatchCount: 2 }] });
    receiver.reply([{ status: 200 }]);
    expect(await performDeliveryAttempt(database.db, deliveryId, 1)).toEqual({ next: "done", status: "delivered" });
    const [row] = await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(row).toMatchObject({ status: "delivered", attemptCount: 9 });
    expect(await resendDelivery(team, deliveryId)).toMatchObject({ ok: true, value: { deliveryId, dispatchCount: 3 } });
    expect(await resendDelivery(team, deliveryId)).toMatchObject({
      ok: false,
      message: "This delivery is still in progress",
    });
  });

  it("after a rotation both the old and the new secret verify for 24 hours", async () => {
    receiver = await startReceiver();
    const { team, webhook, deliveryId } = await setup();
    const old = await revealSigningSecret(team, webhook.id);
    expect(await rotateSigningSecret(team, webhook.id)).toMatchObject({ ok: true });
    const current = await revealSigningSecret(team, webhook.id);
    if (!old.ok || !current.ok) throw new Error("no secret");
    expect(current.value.secret).not.toBe(old.value.secret);
    await performDeliveryAttempt(database.db, deliveryId, 1);
    const [request] = receiver.received;
    expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [old.value.secret, current.value.secret]) {
      expect(() =>
        new StandardWebhook(secret).verify(request!.body, request!.headers as Record<string, string>),
      ).not.toThrow();
    }
  });

  it("re-enabling clears the failure count and the reason", async () => {
    receiver = await startReceiver();
    const { team, webhook } = await setup();
    await database.db
      .update(webhooks)
      .set({ status: "disabled", disabledReason: "20 deliveries in a row failed", consecutiveFailures: 20 })
      .where(eq(webhooks.id, webhook.id));
    expect(await reenableWebhook(team, webhook.id)).toMatchObject({ ok: true });
    expect((await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id)))[0]).toMatchObject({
      status: "active",
      disabledReason: null,
      consecutiveFailures: 0,
    });
  });

  it("another team can neither see nor act on deliveries", async () => {
    receiver = await startReceiver();
    const { webhook, deliveryId } = await setup();
    const other = await createTeam(database.db);
    expect((await listDeliveries(other, webhook.id)).rows).toEqual([]);
    expect(await listAttempts(other, deliveryId)).toEqual([]);
    expect(await resendDelivery(other, deliveryId)).toMatchObject({ code: "not_found" });
    expect(await sendTestEvent(other, webhook.id)).toMatchObject({ code: "not_found" });
    expect(await rotateSigningSecret(other, webhook.id)).toMatchObject({ code: "not_found" });
    expect(await reenableWebhook(other, webhook.id)).toMatchObject({ code: "not_found" });
    expect(receiver.received).toHaveLength(0);
  });

  it("retention removes settled delivery records older than the configured days, in batches, never one that may still be retried", async () => {
    receiver = await startReceiver();
    const monthAgo = new Date(Date.now() - 31 * 86_400_000);
    const statuses = ["delivered", "failed", "pending", "delivering", "retrying"] as const;
    const made = [];
    for (const status of statuses) {
      const { deliveryId, event } = await setup();
      await database.db.update(deliveries).set({ status, createdAt: monthAgo }).where(eq(deliveries.id, deliveryId));
      await database.db.update(outboxEvents).set({ createdAt: monthAgo }).where(eq(outboxEvents.id, event.id));
      await database.db.delete(outboxPending).where(eq(outboxPending.eventId, event.id)); // handed to Inngest
      made.push({ status, deliveryId, eventId: event.id });
    }
    // An old event Inngest never got (it was unreachable all month) stays until it is relayed.
    const unsent = await setup();
    await database.db
      .update(deliveries)
      .set({ status: "delivered", createdAt: monthAgo })
      .where(eq(deliveries.id, unsent.deliveryId));
    await database.db.update(outboxEvents).set({ createdAt: monthAgo }).where(eq(outboxEvents.id, unsent.event.id));
    await pruneDeliveries(database.db, 30, { batch: 1 });
    for (const { status, deliveryId, eventId } of made) {
      const kept = status !== "delivered" && status !== "failed";
      expect((await database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId))).length, status).toBe(
        kept ? 1 : 0,
      );
      expect((await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId))).length, status).toBe(
        kept ? 1 : 0,
      );
    }
    expect(await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, unsent.event.id))).toHaveLength(1);
  });
});
