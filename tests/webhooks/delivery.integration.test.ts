import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { deliveries, deliveryAttempts, outboxEvents, webhooks } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { fanOutEvent } from "@/inngest/fan-out-event";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { deliveryRequest } from "@/lib/webhooks/delivery/create-deliveries";
import { replayFailedSince } from "@/lib/webhooks/delivery/resend-deliveries";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { reenableWebhook } from "@/lib/webhooks/manage-webhooks";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { createProgram } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(() => receiver?.close());

async function programWithWebhook(overrides: Partial<WebhookInput> = {}) {
  const program = await createProgram(database.db);
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Receiver",
    url: receiver.url,
    event: "lead.created",
    ...overrides,
  });
  if (!created.ok) throw new Error(created.message);
  return { ...program, webhook: created.value };
}

/** Runs the fan-out for the campaign's newest event of a type, then each delivery it dispatched. */
async function deliver(team: TeamContext, campaignId: string, type: string) {
  const events = await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaignId));
  const event = events.find((e) => e.type === type)!;
  const fanOut = await runInngestFunction(
    fanOutEvent,
    { id: event.id, name: "referwire/event.recorded", data: { eventId: event.id, campaignId, type } },
    [mockSendEvent("dispatch-0")],
  );
  expect(fanOut.error).toBeUndefined();
  const requests = sentEvents(fanOut.ctx);
  const runs = [];
  for (const request of requests) runs.push(await runInngestFunction(deliverWebhook, request));
  return { requests, runs, event };
}

const attemptsOf = (deliveryId: string) =>
  database.db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(deliveryAttempts.attemptNumber);

describe(`webhook delivery with Inngest functions (${databaseKind()})`, () => {
  it("delivers a signed request that a standardwebhooks receiver verifies, and records the attempt", async () => {
    receiver = await startReceiver([{ status: 200, body: "thanks" }]);
    const { team, campaign, webhook, lead } = await programWithWebhook({
      headers: [{ key: "Authorization", value: "Bearer crm-token" }],
      credentials: [{ key: "account", value: "acme-123" }],
    });
    const { requests, runs } = await deliver(team, campaign.id, "lead.created");
    expect(requests).toHaveLength(1);
    expect(runs[0]!.result).toEqual({ status: "delivered", attempts: 1 });

    const [request] = receiver.received;
    expect(request!.headers.authorization).toBe("Bearer crm-token");
    const secret = await revealSigningSecret(team, webhook.id);
    if (!secret.ok) throw new Error("no secret");
    const verified = new StandardWebhook(secret.value.secret).verify(
      request!.body,
      request!.headers as Record<string, string>,
    ) as { type: string; data: { user: { id: string }; credentials: Record<string, string> } };
    expect(verified).toMatchObject({
      type: "lead.created",
      data: { user: { id: lead.id }, credentials: { account: "acme-123" } },
    });
    expect(() =>
      new StandardWebhook(secret.value.secret).verify(
        request!.body.replace("lead.created", "lead.qualified"),
        request!.headers as Record<string, string>,
      ),
    ).toThrow();

    const [delivery] = await database.db.select().from(deliveries).where(eq(deliveries.webhookId, webhook.id));
    expect(delivery).toMatchObject({ status: "delivered", attemptCount: 1, lastResponseStatus: 200 });
    expect(request!.headers["webhook-id"]).toBe(delivery!.id);
    const [attempt] = await attemptsOf(delivery!.id);
    expect(attempt).toMatchObject({
      attemptNumber: 1,
      responseStatus: 200,
      responseBody: "thanks",
      outcome: "delivered",
      error: null,
    });
    expect(attempt!.requestHeaders.authorization).toBe("••••••••");
    expect(attempt!.requestBody).not.toContain("acme-123");
  });

  it("re-running the fan-out creates no second delivery", async () => {
    receiver = await startReceiver();
    const { team, campaign, webhook } = await programWithWebhook();
    await deliver(team, campaign.id, "lead.created");
    const again = await deliver(team, campaign.id, "lead.created");
    expect(again.requests).toHaveLength(0); // already delivered: nothing left to dispatch
    expect(await database.db.select().from(deliveries).where(eq(deliveries.webhookId, webhook.id))).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("500 then 200: two attempts, the same webhook-id, a 5 s wait between them", async () => {
    receiver = await startReceiver([{ status: 500, body: "boom" }, { status: 200 }]);
    const { team, campaign } = await programWithWebhook();
    const { runs } = await deliver(team, campaign.id, "lead.created");
    expect(runs[0]!.result).toEqual({ status: "delivered", attempts: 2 });
    expect(runs[0]!.ctx.step.sleep).toHaveBeenCalledWith("wait-after-attempt-1", 5_000);
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([
      receiver.received[0]!.headers["webhook-id"],
      receiver.received[0]!.headers["webhook-id"],
    ]);
  });

  it("honours Retry-After on 429", async () => {
    receiver = await startReceiver([{ status: 429, headers: { "retry-after": "120" } }, { status: 204 }]);
    const { team, campaign } = await programWithWebhook();
    const { runs } = await deliver(team, campaign.id, "lead.created");
    expect(runs[0]!.ctx.step.sleep).toHaveBeenCalledWith("wait-after-attempt-1", 120_000);
    expect(runs[0]!.result).toEqual({ status: "delivered", attempts: 2 });
  });

  it("410 Gone disables the webhook at once and stops", async () => {
    receiver = await startReceiver([{ status: 410 }]);
    const { team, campaign, webhook } = await programWithWebhook();
    const { runs } = await deliver(team, campaign.id, "lead.created");
    expect(runs[0]!.result).toEqual({ status: "failed", attempts: 1 });
    const [row] = await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row).toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410") });
    expect(receiver.received).toHaveLength(1);
  });

  it("a delivery that keeps failing uses the whole schedule, then fails and counts against the webhook", async () => {
    receiver = await startReceiver([{ status: 503 }]);
    const { team, campaign, webhook } = await programWithWebhook();
    await database.db.update(webhooks).set({ consecutiveFailures: 19 }).where(eq(webhooks.id, webhook.id));
    const { runs } = await deliver(team, campaign.id, "lead.created");
    expect(runs[0]!.result).toEqual({ status: "failed", attempts: 8 });
    const sleeps = (runs[0]!.ctx.step.sleep as unknown as { mock: { calls: [string, number][] } }).mock.calls.map(
      ([, ms]) => ms,
    );
    expect(sleeps).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(receiver.received).toHaveLength(8);
    const [row] = await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row).toMatchObject({
      status: "disabled",
      consecutiveFailures: 20,
      disabledReason: "20 deliveries in a row failed",
    });
  });

  it("only webhooks whose source filter matches the user's source receive the event", async () => {
    receiver = await startReceiver();
    const { team, campaign } = await programWithWebhook({ sources: ["Direct", "API"] });
    const { requests } = await deliver(team, campaign.id, "lead.created"); // the lead came in Referred
    expect(requests).toHaveLength(0);
    const matching = await createWebhook(team, campaign.id, {
      name: "Referred only",
      url: receiver.url,
      event: "lead.created",
      sources: ["Referred"],
    });
    expect(matching.ok).toBe(true);
    expect((await deliver(team, campaign.id, "lead.created")).requests).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("a disabled webhook receives nothing, but what it missed can be replayed once re-enabled", async () => {
    receiver = await startReceiver();
    const { team, campaign, webhook } = await programWithWebhook();
    await database.db
      .update(webhooks)
      .set({ status: "disabled", disabledReason: "test" })
      .where(eq(webhooks.id, webhook.id));
    expect((await deliver(team, campaign.id, "lead.created")).requests).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);
    const [missed] = await database.db.select().from(deliveries).where(eq(deliveries.webhookId, webhook.id));
    expect(missed).toMatchObject({ status: "failed", attemptCount: 0, lastError: expect.stringContaining("disabled") });

    await reenableWebhook(team, webhook.id);
    const replayed = await replayFailedSince(team, webhook.id, new Date(Date.now() - 60_000));
    if (!replayed.ok) throw new Error(replayed.message);
    const run = await runInngestFunction(deliverWebhook, deliveryRequest(replayed.value[0]!));
    expect(run.result).toEqual({ status: "delivered", attempts: 1 });
    expect(receiver.received).toHaveLength(1);
  });
});
