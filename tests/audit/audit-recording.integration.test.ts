import { afterEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { selectRows } from "@/db/client";
import { auditEvents, deliveries, outboxEvents, participants, rewards, webhooks } from "@/db/schema";
import { succeeded } from "@/lib/actions/action-result";
import { createTeamAction } from "@/lib/actions/action-wrappers";
import { pruneOldDeliveries } from "@/inngest/prune-deliveries";
import { generateApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-key";
import { AUDIT_RETENTION_DAYS, pruneAuditEvents } from "@/lib/audit/prune-audit-events";
import type { SignedInContext } from "@/lib/auth/session";
import { signUp } from "@/lib/auth/sign-up";
import { createCampaign, updateCampaign } from "@/lib/campaigns/save-campaign";
import { getInboundEndpoint, rotateInboundToken } from "@/lib/inbound/manage-inbound-endpoint";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { performDeliveryAttempt, type AttemptDeps } from "@/lib/webhooks/delivery/perform-attempt";
import { replayFailedSince, resendDelivery } from "@/lib/webhooks/delivery/resend-deliveries";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { createWebhook, deleteWebhook, reenableWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { FAILURE_DISABLE_THRESHOLD, RETRY_SCHEDULE_MS } from "@/lib/webhooks/policy";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import type { AttemptResult } from "@/lib/webhooks/send-webhook-request";
import { revealSigningSecret, rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import { callApi } from "../helpers/api";
import { runInngestFunction } from "../helpers/inngest";
import { createLead, createReferrer, createTestCampaign, uniqueEmail } from "../helpers/fixtures";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// The dashboard's actions read the request's address and browser from Next's headers().
const BROWSER = { ip: "203.0.113.9", userAgent: "AuditTest/1.0 (X11; Linux x86_64)" };
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => new Headers({ "user-agent": BROWSER.userAgent, "x-forwarded-for": BROWSER.ip }),
}));

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(() => receiver?.close());

/** A marketer with their own team, signed in as its Owner. */
async function signedInOwner(): Promise<SignedInContext> {
  const email = uniqueEmail("owner");
  const account = await signUp(database.db, { name: "Olive Owner", email, password: "correct horse battery" });
  if (!account.ok) throw new Error(account.message);
  return {
    db: database.db,
    teamId: account.value.teamId,
    marketer: { id: account.value.marketerId, name: "Olive Owner", email },
    role: "owner",
    sessionId: "00000000-0000-4000-8000-000000000003",
  };
}

/** Runs `work` inside a dashboard action, as the dashboard's actions run (createTeamAction). */
function asMember(ctx: SignedInContext) {
  const teamAction = createTeamAction(async () => ctx);
  return async <T>(work: (ctx: SignedInContext) => Promise<T>): Promise<T> => {
    let value: T | undefined;
    const action = teamAction(
      { name: "auditTest", permission: "manageIntegrations", schema: z.object({}) },
      async (_input, signedIn) => {
        value = await work(signedIn);
        return succeeded(undefined);
      },
    );
    const result = await action({});
    if (!result.ok) throw new Error(result.message);
    return value!;
  };
}

const entriesOf = (teamId: string) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.teamId, teamId)).orderBy(asc(auditEvents.id));

/** Every column of every entry as text, to look for secrets anywhere in them. */
const rawEntries = async (teamId: string) =>
  JSON.stringify(await selectRows(database.db, sql`select * from audit_events where team_id = ${teamId}`));

const ok = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

const webhookInput = (url: string, overrides: Partial<WebhookInput> = {}): WebhookInput => ({
  name: "CRM",
  url,
  method: "POST",
  event: "lead.created",
  headers: [
    { key: "Authorization", value: "Bearer header-secret-1" },
    { key: "X-Tenant", value: "tenant-secret-2" },
  ],
  credentials: [{ key: "api_key", value: "credential-secret-3" }],
  ...overrides,
});

describe(`audit log: what is recorded, by whom (${databaseKind()})`, () => {
  it("records the dashboard's integration and campaign changes as the signed-in member, with address and browser", async () => {
    receiver = await startReceiver([{ status: 200, body: "ok" }]);
    const ctx = await signedInOwner();
    const act = asMember(ctx);
    const secrets: string[] = ["header-secret-1", "tenant-secret-2", "credential-secret-3", "url-secret-0"];

    const campaign = await act((c) =>
      createCampaign(c, { name: "Spring", landingUrl: "https://example.com/spring", referrerReward: "$20" }),
    ).then(ok);
    await act((c) =>
      updateCampaign(c, campaign.id, {
        name: "Spring sale",
        landingUrl: "https://example.com/spring",
        referrerReward: "$20",
        timeZone: "Europe/Paris",
      }),
    ).then(ok);
    const webhook = await act((c) =>
      createWebhook(c, campaign.id, webhookInput(`${receiver!.url}?token=url-secret-0`)),
    ).then(ok);
    await act((c) =>
      updateWebhook(
        c,
        webhook.id,
        webhookInput(`${receiver!.url}?token=url-secret-0b`, {
          headers: [
            { key: "Authorization", value: "Bearer header-secret-4" },
            { key: "X-Tenant", value: "" }, // kept
            { key: "X-Added", value: "added-secret-5" },
          ],
          credentials: [],
        }),
      ),
    ).then(ok);
    secrets.push("url-secret-0b", "header-secret-4", "added-secret-5");
    secrets.push((await act((c) => revealSigningSecret(c, webhook.id)).then(ok)).secret);
    await act((c) => rotateSigningSecret(c, webhook.id)).then(ok);
    await act((c) => sendTestEvent(c, webhook.id)).then(ok);

    // A finished delivery to resend, and a failed one to replay.
    const referrer = await createReferrer(database.db, campaign.id);
    await createLead(database.db, referrer.referralCode);
    const [event] = await database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.campaignId, campaign.id), eq(outboxEvents.type, "lead.created")));
    const [dispatch] = await createDeliveriesForEvent(database.db, event!.id);
    await database.db.update(deliveries).set({ status: "failed" }).where(eq(deliveries.id, dispatch!.deliveryId));
    await act((c) => resendDelivery(c, dispatch!.deliveryId)).then(ok);
    await database.db.update(deliveries).set({ status: "failed" }).where(eq(deliveries.id, dispatch!.deliveryId));
    await act((c) => replayFailedSince(c, webhook.id, new Date(Date.now() - 3_600_000))).then(ok);
    await database.db
      .update(webhooks)
      .set({ status: "disabled", disabledReason: "20 deliveries in a row failed" })
      .where(eq(webhooks.id, webhook.id));
    await act((c) => reenableWebhook(c, webhook.id)).then(ok);

    const first = await act((c) => generateApiKey(c)).then(ok);
    const second = await act((c) => generateApiKey(c)).then(ok);
    await act((c) => revokeApiKey(c));
    secrets.push(first.key, second.key);

    const shown = await act((c) => getInboundEndpoint(c, campaign.id)).then(ok);
    const rotated = await act((c) => rotateInboundToken(c, campaign.id)).then(ok);
    secrets.push(shown.url!, rotated.url!, shown.url!.split("/").at(-2)!, rotated.url!.split("/").at(-2)!);
    await act((c) => deleteWebhook(c, webhook.id)).then(ok);

    const entries = await entriesOf(ctx.teamId);
    expect(entries.map((e) => e.action)).toEqual([
      "campaign.created",
      "campaign.updated",
      "webhook.created",
      "webhook.updated",
      "webhook.secret_revealed",
      "webhook.secret_rotated",
      "webhook.test_sent",
      "deliveries.resent",
      "deliveries.replayed",
      "webhook.reenabled",
      "api_key.generated",
      "api_key.generated",
      "api_key.revoked",
      "inbound_url.revealed",
      "inbound_url.rotated",
      "webhook.deleted",
    ]);
    for (const entry of entries)
      expect(entry).toMatchObject({
        actorKind: "member",
        actorId: ctx.marketer.id,
        actorLabel: `Olive Owner <${ctx.marketer.email}>`,
        ip: BROWSER.ip,
        userAgent: BROWSER.userAgent,
      });
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    expect(byAction("campaign.updated")[0]).toMatchObject({
      subjectType: "campaign",
      subjectId: campaign.id,
      subjectLabel: "Spring sale",
      details: { changed: ["name", "timeZone"] },
    });
    expect(byAction("webhook.updated")[0]).toMatchObject({
      subjectType: "webhook",
      subjectId: webhook.id,
      subjectLabel: "CRM",
      details: {
        changed: ["url", "headers", "credentials"],
        headers: { added: ["X-Added"], removed: [], changed: ["Authorization"] },
        credentials: { added: [], removed: ["api_key"], changed: [] },
      },
    });
    expect(byAction("deliveries.replayed")[0]!.details).toMatchObject({ count: 1 });
    expect(byAction("api_key.generated")[1]!.details).toEqual({ replaced: [`${first.prefix}…`] });
    expect(byAction("api_key.revoked")[0]).toMatchObject({ subjectId: second.id, subjectLabel: `${second.prefix}…` });

    const raw = await rawEntries(ctx.teamId);
    for (const secret of secrets) expect(raw).not.toContain(secret);
  });

  it("records no entry for a save that changes nothing, a replay with nothing to replay, or re-enabling an active webhook", async () => {
    receiver = await startReceiver();
    const ctx = await signedInOwner();
    const act = asMember(ctx);
    const campaign = await createTestCampaign(ctx);
    const input = webhookInput(receiver.url);
    const webhook = await act((c) => createWebhook(c, campaign.id, input)).then(ok);
    const before = (await entriesOf(ctx.teamId)).length;
    await act((c) =>
      updateWebhook(c, webhook.id, {
        ...input,
        headers: input.headers!.map((h) => ({ ...h, value: "" })),
        credentials: [{ key: "api_key", value: "credential-secret-3" }], // typed again, the same
      }),
    ).then(ok);
    await act((c) => updateCampaign(c, campaign.id, { ...campaign })).then(ok);
    expect(await act((c) => replayFailedSince(c, webhook.id, new Date(0))).then(ok)).toEqual([]);
    await act((c) => reenableWebhook(c, webhook.id)).then(ok);
    expect(await entriesOf(ctx.teamId)).toHaveLength(before);
  });

  it("records the REST API's writes as the API key, with the caller's address and client", async () => {
    const ctx = await signedInOwner();
    const campaign = await createTestCampaign(ctx);
    const key = ok(await generateApiKey(ctx));
    const client = { "user-agent": "zapier/1.0", "x-forwarded-for": "198.51.100.7" };
    const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      callApi(method, path, { key: key.key, body, headers: { ...client, ...headers } });
    const since = (await entriesOf(ctx.teamId)).length;

    const subscribed = await api("POST", "/webhooks", {
      campaign_id: campaign.id,
      url: "https://hooks.example.com/catch/123/url-secret-9",
      event: "lead.qualified",
    });
    expect(subscribed.status).toBe(201);
    expect((await api("DELETE", `/webhooks/${subscribed.json!.data.id}`)).status).toBe(204);

    const referrer = await api("POST", "/users", {
      campaign_id: campaign.id,
      type: "referrer",
      first_name: "Ada",
      email: uniqueEmail("ada"),
    });
    expect(referrer.status).toBe(201);
    // An idempotent retry runs once, so it is recorded once.
    const leadBody = {
      campaign_id: campaign.id,
      type: "lead",
      first_name: "Lin",
      email: uniqueEmail("lin"),
      referrer: referrer.json!.data.id,
    };
    const lead = await api("POST", "/users", leadBody, { "idempotency-key": "lead-1" });
    expect((await api("POST", "/users", leadBody, { "idempotency-key": "lead-1" })).status).toBe(201);
    const leadId = lead.json!.data.id as string;
    expect((await api("POST", "/qualifications", { id: leadId, qualified: true })).json).toMatchObject({
      changed: true,
    });
    expect((await api("POST", "/qualifications", { id: leadId, qualified: true })).json).toMatchObject({
      changed: false,
    });
    const [reward] = await database.db.select().from(rewards).where(eq(rewards.campaignId, campaign.id));
    expect((await api("POST", `/rewards/${reward!.id}/issue`)).status).toBe(200);
    expect((await api("POST", "/qualifications", { id: leadId, qualified: false })).json).toMatchObject({
      changed: true,
    });
    expect((await api("DELETE", `/users/${leadId}`)).status).toBe(204);

    const entries = (await entriesOf(ctx.teamId)).slice(since);
    expect(entries.map((e) => [e.action, e.details.qualified])).toEqual([
      ["webhook.created", undefined],
      ["webhook.secret_revealed", undefined], // the subscribe answers with the signing secret
      ["webhook.deleted", undefined],
      ["user.created", undefined],
      ["user.created", undefined],
      ["lead.qualification_set", true],
      ["reward.issued", undefined],
      ["lead.qualification_set", false],
      ["user.deleted", undefined],
    ]);
    for (const entry of entries)
      expect(entry).toMatchObject({
        actorKind: "api_key",
        actorId: key.id,
        actorLabel: `API key ${key.prefix}…`,
        ip: "198.51.100.7",
        userAgent: "zapier/1.0",
      });
    expect(entries.find((e) => e.action === "user.deleted")).toMatchObject({
      subjectType: "user",
      subjectId: leadId,
      subjectLabel: null,
      details: { type: "lead", campaignId: campaign.id },
    });
    expect(entries.find((e) => e.action === "reward.issued")).toMatchObject({ subjectId: reward!.id });
    const raw = await rawEntries(ctx.teamId);
    for (const secret of [key.key, subscribed.json!.data.signing_secret, "url-secret-9", leadBody.email])
      expect(raw).not.toContain(secret);
  });

  it("leaves people, qualifications and rewards changed in the dashboard out of the log", async () => {
    const ctx = await signedInOwner();
    const campaign = await createTestCampaign(ctx);
    const referrer = await createReferrer(database.db, campaign.id);
    const lead = await createLead(database.db, referrer.referralCode);
    const before = (await entriesOf(ctx.teamId)).length;
    expect(await asMember(ctx)((c) => qualifyLead(c, { id: lead.id }))).toMatchObject({ ok: true });
    expect(await entriesOf(ctx.teamId)).toHaveLength(before);
  });
});

describe(`audit log: webhooks the delivery engine disables (${databaseKind()})`, () => {
  /** A webhook with `count` pending deliveries, one per new lead. */
  async function webhookWithDeliveries(ctx: SignedInContext, count: number) {
    const campaign = await createTestCampaign(ctx);
    const webhook = ok(
      await createWebhook(ctx, campaign.id, { name: "Flaky", url: receiver!.url, event: "lead.created" }),
    );
    const referrer = await createReferrer(database.db, campaign.id);
    for (let i = 0; i < count; i++) await createLead(database.db, referrer.referralCode);
    const events = await database.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.campaignId, campaign.id), eq(outboxEvents.type, "lead.created")));
    const deliveryIds: string[] = [];
    for (const event of events)
      deliveryIds.push(...(await createDeliveriesForEvent(database.db, event.id)).map((d) => d.deliveryId));
    return { webhook, deliveryIds };
  }

  /** Answers every caller with `status` once all of them are waiting: each claimed its delivery before any records. */
  function answerAllAtOnce(callers: number, status: number): NonNullable<AttemptDeps["send"]> {
    let arrived = 0;
    let release = () => {};
    const everyone = new Promise<void>((resolve) => (release = resolve));
    return async () => {
      if (++arrived === callers) release();
      await everyone;
      return { status, responseBody: null, responseHeaders: {}, error: null, durationMs: 1 } satisfies AttemptResult;
    };
  }

  const lastAttempt = RETRY_SCHEDULE_MS.length; // a failure here uses up the schedule
  const disablingsOf = async (teamId: string) =>
    (await entriesOf(teamId)).filter((e) => e.action === "webhook.disabled");

  it("records one entry by the system when failures disable a webhook, however many attempts fail at once", async () => {
    receiver = await startReceiver();
    const ctx = await signedInOwner();
    const { webhook, deliveryIds } = await webhookWithDeliveries(ctx, FAILURE_DISABLE_THRESHOLD + 5);
    await database.db
      .update(webhooks)
      .set({ consecutiveFailures: FAILURE_DISABLE_THRESHOLD - 10 })
      .where(eq(webhooks.id, webhook.id));
    const send = answerAllAtOnce(deliveryIds.length, 500);
    await Promise.all(deliveryIds.map((id) => performDeliveryAttempt(database.db, id, lastAttempt, { send })));
    const [row] = await database.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row).toMatchObject({ status: "disabled", consecutiveFailures: FAILURE_DISABLE_THRESHOLD + 15 });

    const disablings = await disablingsOf(ctx.teamId);
    expect(disablings).toHaveLength(1);
    expect(disablings[0]).toMatchObject({
      actorKind: "system",
      actorId: null,
      actorLabel: "Referwire",
      ip: null,
      userAgent: null,
      subjectType: "webhook",
      subjectId: webhook.id,
      subjectLabel: "Flaky",
      details: { reason: `${FAILURE_DISABLE_THRESHOLD} deliveries in a row failed` },
    });
  });

  it("records 410 Gone's disabling once, and again after the webhook is re-enabled", async () => {
    receiver = await startReceiver();
    const ctx = await signedInOwner();
    const { webhook, deliveryIds } = await webhookWithDeliveries(ctx, 4);
    const [first, second, ...later] = deliveryIds;
    const gone = answerAllAtOnce(2, 410);
    await Promise.all([first!, second!].map((id) => performDeliveryAttempt(database.db, id, 1, { send: gone })));
    expect(await disablingsOf(ctx.teamId)).toHaveLength(1);

    await asMember(ctx)((c) => reenableWebhook(c, webhook.id)).then(ok);
    await performDeliveryAttempt(database.db, later[0]!, 1, { send: answerAllAtOnce(1, 410) });
    const disablings = await disablingsOf(ctx.teamId);
    expect(disablings.map((e) => [e.actorKind, e.details.reason])).toEqual([
      ["system", "The endpoint answered 410 Gone"],
      ["system", "The endpoint answered 410 Gone"],
    ]);
    expect((await entriesOf(ctx.teamId)).at(-2)).toMatchObject({ action: "webhook.reenabled", actorKind: "member" });
  });
});

describe(`audit log: written with the change or not at all (${databaseKind()})`, () => {
  it("a refused change leaves no entry", async () => {
    const ctx = await signedInOwner();
    const act = asMember(ctx);
    const campaign = await createTestCampaign(ctx);
    const before = (await entriesOf(ctx.teamId)).length;
    expect(await act((c) => createWebhook(c, campaign.id, webhookInput("not a url")))).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await act((c) => deleteWebhook(c, "00000000-0000-4000-8000-000000000009"))).toMatchObject({ ok: false });
    expect(await entriesOf(ctx.teamId)).toHaveLength(before);
  });

  it("an entry that cannot be written takes its change with it", async () => {
    receiver = await startReceiver();
    const ctx = await signedInOwner();
    const campaign = await createTestCampaign(ctx);
    const referrer = await createReferrer(database.db, campaign.id);
    const lead = await createLead(database.db, referrer.referralCode);
    const key = ok(await generateApiKey(ctx));
    // From here on, every entry for this team fails as it is inserted.
    await database.db.execute(
      sql.raw(`create function refuse_test_audit() returns trigger language plpgsql as $$
        begin
          if new.team_id = '${ctx.teamId}' then raise exception 'audit entry refused for the test'; end if;
          return new;
        end $$`),
    );
    await database.db.execute(
      sql`create trigger refuse_test_audit before insert on audit_events for each row execute function refuse_test_audit()`,
    );
    try {
      vi.spyOn(console, "error").mockImplementation(() => {});
      const act = asMember(ctx);
      await expect(act((c) => createWebhook(c, campaign.id, webhookInput(receiver!.url)))).rejects.toThrow();
      await expect(act((c) => revokeApiKey(c))).rejects.toThrow();
      // The API's qualification writes its entry in the same single statement as the change.
      const refused = await callApi("POST", "/qualifications", {
        key: key.key,
        body: { id: lead.id, qualified: true },
      });
      expect(refused.status).toBe(500);

      expect(await database.db.select().from(webhooks).where(eq(webhooks.campaignId, campaign.id))).toEqual([]);
      expect(
        await database.db
          .select({ status: participants.status })
          .from(participants)
          .where(eq(participants.id, lead.id)),
      ).toEqual([{ status: "pending" }]);
      expect(
        (await callApi("GET", "/campaigns", { key: key.key })).status, // the key was not revoked
      ).toBe(200);
    } finally {
      vi.restoreAllMocks();
      await database.db.execute(sql`drop trigger refuse_test_audit on audit_events`);
      await database.db.execute(sql`drop function refuse_test_audit()`);
    }
  });

  it("the database refuses to change an entry", async () => {
    const ctx = await signedInOwner();
    await createTestCampaign(ctx);
    const [entry] = await entriesOf(ctx.teamId);
    await expect(
      database.db.update(auditEvents).set({ actorLabel: "someone else" }).where(eq(auditEvents.id, entry!.id)),
    ).rejects.toThrow();
    expect((await entriesOf(ctx.teamId))[0]).toEqual(entry);
  });
});

describe(`audit log: retention (${databaseKind()})`, () => {
  const DAY = 86_400_000;
  const entryAt = (teamId: string, daysAgo: number) => ({
    teamId,
    occurredAt: new Date(Date.now() - daysAgo * DAY),
    actorKind: "system" as const,
    actorLabel: "Referwire",
    action: "webhook.disabled",
  });

  it("the daily prune removes entries only once they are over 400 days old, every team's", async () => {
    const a = await signedInOwner();
    const b = await signedInOwner();
    await database.db
      .insert(auditEvents)
      .values([
        entryAt(a.teamId, AUDIT_RETENTION_DAYS + 1),
        entryAt(a.teamId, AUDIT_RETENTION_DAYS + 30),
        entryAt(a.teamId, AUDIT_RETENTION_DAYS - 1),
        entryAt(a.teamId, 366),
        entryAt(b.teamId, AUDIT_RETENTION_DAYS + 2),
      ]);
    const { result } = await runInngestFunction(pruneOldDeliveries, { name: "inngest/scheduled.timer", data: {} });
    expect(result).toMatchObject({ auditEvents: 3 });
    const left = (await entriesOf(a.teamId)).map((e) => Math.round((Date.now() - e.occurredAt.getTime()) / DAY));
    expect(left).toEqual([AUDIT_RETENTION_DAYS - 1, 366]);
    expect(await entriesOf(b.teamId)).toEqual([]);
  });

  it("prunes in batches until none is left", async () => {
    const { teamId } = await signedInOwner();
    await database.db.insert(auditEvents).values(Array.from({ length: 5 }, () => entryAt(teamId, 500)));
    expect(await pruneAuditEvents(database.db, { batch: 2 })).toBe(5);
    expect(await entriesOf(teamId)).toEqual([]);
  });
});
