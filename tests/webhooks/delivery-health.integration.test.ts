import { createServer as createTcpServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { deliveries, deliveryAttempts, outboxEvents, webhooks, type Delivery } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { webhookHealth } from "@/lib/webhooks/delivery/delivery-health";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { failureReason, type FailureReason } from "@/lib/webhooks/failure-reason";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { createLead, createProgram } from "../helpers/fixtures";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });

const NOW = new Date("2026-03-10T12:00:00.000Z");
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function webhookOn(ctx: TeamContext, campaignId: string, name: string, url = "https://example.com/hooks") {
  const created = await createWebhook(ctx, campaignId, { name, url, event: "lead.created" });
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

type AttemptSpec = { at: Date; ms: number; status?: number | null; error?: string | null };

/** A delivery created at `createdAt`, now in `status`, with its attempts as given (outcome and reason derived). */
async function addDelivery(
  ctx: TeamContext,
  webhookId: string,
  status: Delivery["status"],
  createdAt: Date,
  attempts: AttemptSpec[] = [],
) {
  const [delivery] = await ctx.db
    .insert(deliveries)
    .values({ teamId: ctx.teamId, webhookId, eventType: "lead.created", isTest: true, status, createdAt })
    .returning();
  if (attempts.length)
    await ctx.db.insert(deliveryAttempts).values(
      attempts.map((a, i) => {
        const result = { status: a.status === undefined ? 200 : a.status, error: a.error ?? null };
        const reason = failureReason(result);
        return {
          teamId: ctx.teamId,
          deliveryId: delivery!.id,
          webhookId,
          attemptNumber: i + 1,
          startedAt: a.at,
          durationMs: a.ms,
          requestMethod: "POST",
          requestUrl: "https://example.com/hooks",
          requestHeaders: {},
          responseStatus: result.status,
          error: result.error,
          outcome: reason ? ("retry" as const) : ("delivered" as const),
          failureReason: reason,
        };
      }),
    );
  return delivery!;
}

const noFailures = { timeout: 0, connection: 0, client_error: 0, server_error: 0, other: 0 };

describe(`webhook health (${databaseKind()})`, () => {
  /**
   * Twenty attempts in the last 24 hours lasting 10, 20, … 200 ms, so the nearest-rank median is
   * the 10th (100 ms) and the 95th percentile the 19th (190 ms); around them, attempts and
   * deliveries just outside each window, with durations that would show if they leaked in.
   */
  async function seedHandCounted() {
    const program = await createProgram(database.db);
    const ctx = program.team;
    const webhook = await webhookOn(ctx, program.campaign.id, "CRM");
    const id = webhook.id;
    for (let i = 0; i < 12; i++) {
      const createdAt = ago(i * HOUR + 5 * 60_000);
      await addDelivery(ctx, id, "delivered", createdAt, [{ at: createdAt, ms: (i + 1) * 10 }]);
    }
    const d13 = ago(13 * HOUR);
    await addDelivery(ctx, id, "failed", d13, [
      { at: d13, ms: 130, status: 500 },
      { at: d13, ms: 140, status: null, error: "timed out after 15 s" },
      { at: d13, ms: 150, status: null, error: "connection refused" },
    ]);
    await addDelivery(ctx, id, "failed", ago(14 * HOUR), [{ at: ago(14 * HOUR), ms: 160, status: 404 }]);
    await addDelivery(ctx, id, "retrying", ago(2 * HOUR), [{ at: ago(2 * HOUR), ms: 170, status: 503 }]);
    await addDelivery(ctx, id, "pending", ago(60_000));
    // Created 25 h ago, outside the 24-hour window, but retried inside it.
    await addDelivery(ctx, id, "delivered", ago(25 * HOUR), [
      { at: ago(25 * HOUR), ms: 99_999, status: 500 },
      { at: ago(23 * HOUR), ms: 180, status: 301, error: "redirect not followed (301 to https://x.test/)" },
      { at: ago(22 * HOUR), ms: 190 },
    ]);
    await addDelivery(ctx, id, "delivered", ago(3 * HOUR), [{ at: ago(3 * HOUR), ms: 200 }]);
    // Inside 7 days only, and outside both windows.
    await addDelivery(ctx, id, "delivered", ago(72 * HOUR), [{ at: ago(72 * HOUR), ms: 5_000 }]);
    await addDelivery(ctx, id, "failed", ago(8 * 24 * HOUR), [{ at: ago(8 * 24 * HOUR), ms: 77_777, status: 500 }]);
    // Not yet: the window ends now.
    await addDelivery(ctx, id, "delivered", new Date(NOW.getTime() + 1000), [{ at: NOW, ms: 88_888 }]);
    return { ...program, webhook };
  }

  it("over 24 hours: success among finished deliveries, nearest-rank percentiles, failures by reason", async () => {
    const { team, webhook } = await seedHandCounted();
    const health = (await webhookHealth(team, { webhookId: webhook.id }, "24h", NOW)).get(webhook.id)!;
    expect(health).toMatchObject({
      window: "24h",
      from: ago(24 * HOUR),
      to: NOW,
      // 12 + 1 delivered, 2 failed, 1 retrying and 1 pending created in the window.
      deliveries: { total: 17, delivered: 13, inProgress: 2, failed: 2 },
      attempts: 20,
      failedAttempts: 6,
      p50Ms: 100,
      p95Ms: 190,
      failures: { timeout: 1, connection: 1, client_error: 1, server_error: 2, other: 1 },
    });
    expect(health.successRate).toBeCloseTo(13 / 15, 10);
    expect(health.buckets).toHaveLength(24);
    expect(health.buckets[0]!.start).toEqual(ago(24 * HOUR));
    // The newest hour: the first delivered one and the pending one; 13 hours ago the failed one.
    expect(health.buckets[23]).toMatchObject({ delivered: 1, inProgress: 1, failed: 0 });
    expect(health.buckets[10]).toMatchObject({ delivered: 0, inProgress: 0, failed: 1 });
    expect(health.buckets.reduce((n, b) => n + b.delivered + b.inProgress + b.failed, 0)).toBe(17);
  });

  it("over 7 days: the same definitions over the longer window, in 28 buckets of six hours", async () => {
    const { team, webhook } = await seedHandCounted();
    const health = (await webhookHealth(team, { webhookId: webhook.id }, "7d", NOW)).get(webhook.id)!;
    // Adds the delivery created 25 h ago and the one 3 days ago, and the 99,999 and 5,000 ms attempts:
    // 22 attempts, so the median is the 11th (110 ms) and the 95th percentile the 21st (5,000 ms).
    expect(health).toMatchObject({
      deliveries: { total: 19, delivered: 15, inProgress: 2, failed: 2 },
      attempts: 22,
      p50Ms: 110,
      p95Ms: 5_000,
      failures: { timeout: 1, connection: 1, client_error: 1, server_error: 3, other: 1 },
    });
    expect(health.successRate).toBeCloseTo(15 / 17, 10);
    expect(health.buckets).toHaveLength(28);
  });

  it("one statement answers for every webhook of the campaign; other teams' webhooks are never in it", async () => {
    const { team, campaign, webhook } = await seedHandCounted();
    const quiet = await webhookOn(team, campaign.id, "Quiet");
    const other = await createProgram(database.db);
    const theirs = await webhookOn(other.team, other.campaign.id, "Theirs");
    await addDelivery(other.team, theirs.id, "failed", ago(HOUR), [{ at: ago(HOUR), ms: 1, status: 500 }]);

    const health = await webhookHealth(team, { campaignId: campaign.id }, "24h", NOW);
    expect([...health.keys()].sort()).toEqual([webhook.id, quiet.id].sort());
    expect(health.get(webhook.id)).toMatchObject({ attempts: 20, p95Ms: 190 });
    expect(health.get(quiet.id)).toMatchObject({
      deliveries: { total: 0, delivered: 0, inProgress: 0, failed: 0 },
      successRate: null,
      attempts: 0,
      p50Ms: null,
      p95Ms: null,
      failures: noFailures,
    });
    // Their webhook or campaign through our team: nothing.
    expect((await webhookHealth(team, { webhookId: theirs.id }, "24h", NOW)).size).toBe(0);
    expect((await webhookHealth(team, { campaignId: other.campaign.id }, "24h", NOW)).size).toBe(0);
    expect((await webhookHealth(other.team, { webhookId: theirs.id }, "24h", NOW)).get(theirs.id)).toMatchObject({
      deliveries: { failed: 1 },
      failures: { server_error: 1 },
    });
  });
});

describe(`failures grouped by reason, from real attempts (${databaseKind()})`, () => {
  const servers: { close: () => unknown }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function tcpServer(onConnection: (socket: import("node:net").Socket) => void) {
    const server: Server = createTcpServer(onConnection);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    return (server.address() as AddressInfo).port;
  }

  /** A closed port: listened on, then let go. */
  async function closedPort() {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it("classifies what sendWebhookRequest reports for each kind of failure, and records it with the attempt", async () => {
    const program = await createProgram(database.db);
    const ctx = program.team;
    const hang = await startReceiver(["hang"]);
    const notFound = await startReceiver([{ status: 404 }]);
    const broken = await startReceiver([{ status: 502 }]);
    const moved = await startReceiver([{ status: 308, headers: { location: "https://elsewhere.test/" } }]);
    const fine = await startReceiver([{ status: 204 }]);
    servers.push(hang, notFound, broken, moved, fine);
    const resetPort = await tcpServer((socket) => socket.resetAndDestroy());
    const refusedPort = await closedPort();

    const cases: [string, string, FailureReason | null][] = [
      ["timeout", hang.url, "timeout"],
      ["refused", `http://127.0.0.1:${refusedPort}/hooks`, "connection"],
      ["reset", `http://127.0.0.1:${resetPort}/hooks`, "connection"],
      // TLS spoken to a plain HTTP server.
      ["TLS", notFound.url.replace("http://", "https://"), "connection"],
      ["DNS", "https://receiver.invalid/hooks", "connection"],
      ["4xx", notFound.url, "client_error"],
      ["5xx", broken.url, "server_error"],
      ["redirect", moved.url, "other"],
      ["delivered", fine.url, null],
    ];
    const webhook = await webhookOn(ctx, program.campaign.id, "Target");
    for (const [name, url, expected] of cases) {
      // Straight into the row: saving checks the destination, and receiver.invalid must fail later.
      await database.db.update(webhooks).set({ url }).where(eq(webhooks.id, webhook.id));
      const event = await newLeadEvent(ctx, program.campaign.id, program.referrer.referralCode);
      const [dispatch] = await createDeliveriesForEvent(database.db, event);
      await performDeliveryAttempt(database.db, dispatch!.deliveryId, 1, {
        sendOptions: {
          timeoutMs: 300,
          lookup: async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })),
        },
      });
      const [attempt] = await database.db
        .select()
        .from(deliveryAttempts)
        .where(eq(deliveryAttempts.deliveryId, dispatch!.deliveryId));
      expect({ name, reason: attempt!.failureReason, webhookId: attempt!.webhookId }, attempt!.error ?? "").toEqual({
        name,
        reason: expected,
        webhookId: webhook.id,
      });
    }

    const health = (await webhookHealth(ctx, { webhookId: webhook.id }, "24h")).get(webhook.id)!;
    expect(health.failures).toEqual({ timeout: 1, connection: 4, client_error: 1, server_error: 1, other: 1 });
    expect(health).toMatchObject({ attempts: 9, failedAttempts: 8 });
  });
});

/** Adds a lead through the referral link and returns its lead.created event's id. */
async function newLeadEvent(ctx: TeamContext, campaignId: string, referralCode: string): Promise<string> {
  const lead = await createLead(ctx.db, referralCode);
  const [event] = await ctx.db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.campaignId, campaignId),
        eq(outboxEvents.type, "lead.created"),
        sql`${outboxEvents.data}->'user'->>'id' = ${lead.id}`,
      ),
    );
  return event!.id;
}
