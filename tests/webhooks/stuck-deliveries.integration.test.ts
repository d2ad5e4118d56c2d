import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { deliveries, deliveryAttempts, outboxEvents, webhooks } from "@/db/schema";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { sweepOutbox } from "@/inngest/sweep-outbox";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { createDeliveriesForEvent, deliveryRequest } from "@/lib/webhooks/delivery/create-deliveries";
import { listDeliveries } from "@/lib/webhooks/delivery/list-deliveries";
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { recoverStuckDeliveries, STUCK_DELIVERY_ERROR } from "@/lib/webhooks/delivery/recover-stuck-deliveries";
import { replayFailedSince, resendDelivery } from "@/lib/webhooks/delivery/resend-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { ATTEMPT_TIMEOUT_MS, STUCK_DELIVERY_AFTER_MS } from "@/lib/webhooks/policy";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { contextOf } from "@/lib/webhooks/sealed-entries";
import { newSigningSecret } from "@/lib/webhooks/sign";
import { rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { createProgram } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction } from "../helpers/inngest";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(() => receiver?.close());

async function setup(overrides: Partial<WebhookInput> = {}) {
  const program = await createProgram(database.db);
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Receiver",
    url: receiver.url,
    event: "lead.created",
    ...overrides,
  });
  if (!created.ok) throw new Error(created.message);
  const [event] = await database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, program.campaign.id))
    .then((rows) => rows.filter((e) => e.type === "lead.created"));
  const [dispatch] = await createDeliveriesForEvent(database.db, event!.id);
  return { ...program, webhook: created.value, dispatch: dispatch!, deliveryId: dispatch!.deliveryId };
}

const deliveryRow = async (id: string) =>
  (await database.db.select().from(deliveries).where(eq(deliveries.id, id)))[0]!;
const leaveDelivering = (id: string, claimedAgoMs: number) =>
  database.db
    .update(deliveries)
    .set({ status: "delivering", updatedAt: new Date(Date.now() - claimedAgoMs) })
    .where(eq(deliveries.id, id));
const runSweep = () =>
  runInngestFunction(sweepOutbox, { name: "inngest/scheduled.timer", data: {} }, [
    mockSendEvent("relay-events"),
    mockSendEvent("redispatch-deliveries"),
  ]);

/** A value sealed under another ENCRYPTION_KEY, as the rows look after the key was changed. */
const sealedUnderOldKey = (value: string, webhookId: string) =>
  encryptSecret(value, { key: randomBytes(32), context: contextOf(webhookId) });

describe(`deliveries that cannot get stuck (${databaseKind()})`, () => {
  it("the sweep fails a delivery left delivering past the attempt timeout and margin, with a reason the log shows; it can then be replayed and delivered", async () => {
    receiver = await startReceiver([{ status: 200, body: "ok" }]);
    const { team, webhook, deliveryId } = await setup();
    const recent = await setup();
    await leaveDelivering(deliveryId, STUCK_DELIVERY_AFTER_MS + 60_000);
    await leaveDelivering(recent.deliveryId, ATTEMPT_TIMEOUT_MS); // an attempt still within its time

    const sweep = await runSweep();
    expect(sweep.error).toBeUndefined();
    expect(sweep.result).toMatchObject({ recovered: 1 });
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      lastError: STUCK_DELIVERY_ERROR,
      nextAttemptAt: null,
      completedAt: expect.any(Date),
    });
    expect(await deliveryRow(recent.deliveryId)).toMatchObject({
      status: "delivering",
      lastError: null,
      completedAt: null,
    });
    const log = await listDeliveries(team, webhook.id);
    expect(log.rows.find((d) => d.id === deliveryId)).toMatchObject({
      status: "failed",
      lastError: STUCK_DELIVERY_ERROR,
    });
    const [row] = await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row!.consecutiveFailures).toBe(0); // the endpoint is not to blame

    const replayed = await replayFailedSince(team, webhook.id, new Date(Date.now() - 60_000));
    if (!replayed.ok) throw new Error(replayed.message);
    expect(replayed.value.map((d) => d.deliveryId)).toEqual([deliveryId]);
    const run = await runInngestFunction(deliverWebhook, deliveryRequest(replayed.value[0]!));
    expect(run.result).toEqual({ status: "delivered", attempts: 1 });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([deliveryId]);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", lastError: null });
  });

  it("a recovered delivery can be resent", async () => {
    receiver = await startReceiver([{ status: 204 }]);
    const { team, deliveryId } = await setup();
    await leaveDelivering(deliveryId, STUCK_DELIVERY_AFTER_MS + 1_000);
    expect(await resendDelivery(team, deliveryId)).toMatchObject({
      ok: false,
      message: "This delivery is still in progress",
    });
    expect(await recoverStuckDeliveries(database.db)).toContain(deliveryId);
    const resent = await resendDelivery(team, deliveryId);
    if (!resent.ok) throw new Error(resent.message);
    expect(await performDeliveryAttempt(database.db, deliveryId, 1)).toEqual({ next: "done", status: "delivered" });
    expect(receiver.received).toHaveLength(1);
  });

  it("never takes a delivery whose attempt is in flight, and takes a bounded batch per call", async () => {
    receiver = await startReceiver(["hang"]);
    const live = await setup();
    await leaveDelivering(live.deliveryId, STUCK_DELIVERY_AFTER_MS + 60_000); // left by a dead run, then claimed again
    const attempt = performDeliveryAttempt(database.db, live.deliveryId, 1, { sendOptions: { timeoutMs: 1_500 } });
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(await recoverStuckDeliveries(database.db)).not.toContain(live.deliveryId); // the claim stamped it just now
    expect(await attempt).toEqual({ next: "retry", delayMs: 5_000 });
    expect(await deliveryRow(live.deliveryId)).toMatchObject({ status: "retrying", attemptCount: 1 });

    const stuck = [await setup(), await setup(), await setup()].map((s) => s.deliveryId);
    for (const [i, id] of stuck.entries()) await leaveDelivering(id, STUCK_DELIVERY_AFTER_MS + (3 - i) * 60_000);
    expect((await recoverStuckDeliveries(database.db, { limit: 2 })).sort()).toEqual(stuck.slice(0, 2).sort()); // oldest first
    expect(await deliveryRow(stuck[2]!)).toMatchObject({ status: "delivering" });
    expect(await recoverStuckDeliveries(database.db, { limit: 2 })).toEqual([stuck[2]]);
  });

  it("a signing secret sealed under another encryption key ends the delivery failed with a readable reason, without sending or retrying", async () => {
    receiver = await startReceiver();
    const { team, webhook, dispatch, deliveryId } = await setup();
    await database.db
      .update(webhooks)
      .set({ signingSecret: sealedUnderOldKey(newSigningSecret(), webhook.id) })
      .where(eq(webhooks.id, webhook.id));

    const run = await runInngestFunction(deliverWebhook, deliveryRequest(dispatch));
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual({ status: "failed", attempts: 1 });
    const row = await deliveryRow(deliveryId);
    expect(row).toMatchObject({ status: "failed", attemptCount: 0, completedAt: expect.any(Date) });
    expect(row.lastError).toMatch(
      /^Nothing was sent: this webhook's signing secret could not be decrypted, .*encryption key.*rotate the signing secret, then replay this delivery\.$/,
    );
    expect(receiver.received).toHaveLength(0);
    expect(
      await database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, deliveryId)),
    ).toHaveLength(0);
    expect((await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id)))[0]!.consecutiveFailures).toBe(
      0,
    );

    // Rotating seals a new secret under the current key; the unreadable one, now previous, is left out.
    expect(await rotateSigningSecret(team, webhook.id)).toMatchObject({ ok: true });
    const replayed = await replayFailedSince(team, webhook.id, new Date(Date.now() - 60_000));
    if (!replayed.ok) throw new Error(replayed.message);
    expect((await runInngestFunction(deliverWebhook, deliveryRequest(replayed.value[0]!))).result).toEqual({
      status: "delivered",
      attempts: 1,
    });
    expect(String(receiver.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  });

  it("header or credential values sealed under another key say which, for deliveries and test sends alike", async () => {
    receiver = await startReceiver();
    const { team, webhook, deliveryId } = await setup({
      headers: [{ key: "Authorization", value: "Bearer t" }],
      credentials: [{ key: "account", value: "acme" }],
    });
    await database.db
      .update(webhooks)
      .set({ headers: [{ key: "Authorization", value: sealedUnderOldKey("Bearer t", webhook.id) }] })
      .where(eq(webhooks.id, webhook.id));
    expect(await performDeliveryAttempt(database.db, deliveryId, 1)).toEqual({ next: "done", status: "failed" });
    expect((await deliveryRow(deliveryId)).lastError).toMatch(
      /custom header values could not be decrypted.*enter them again in Edit webhook/,
    );

    await database.db
      .update(webhooks)
      .set({ credentials: [{ key: "account", value: sealedUnderOldKey("acme", webhook.id) }] })
      .where(eq(webhooks.id, webhook.id));
    const test = await sendTestEvent(team, webhook.id);
    if (!test.ok) throw new Error(test.message);
    expect(test.value).toMatchObject({
      delivered: false,
      result: { status: null, error: expect.stringMatching(/credential values could not be decrypted/) },
    });
    expect(await deliveryRow(test.value.deliveryId)).toMatchObject({
      status: "failed",
      lastError: test.value.result.error,
    });
    expect(receiver.received).toHaveLength(0);
  });
});
