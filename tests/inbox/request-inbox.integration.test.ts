import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { inboxRequests, marketers, teamMembers, webhooks } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { INBOX_KEEP } from "@/lib/inbox/inbox-policy";
import { clearInbox, listInboxRequests } from "@/lib/inbox/list-inbox-requests";
import { openInbox } from "@/lib/inbox/open-inbox";
import { DEMO_LOGIN, seedDemo } from "@/lib/seed/seed-demo";
import { sendTestEvent } from "@/lib/webhooks/delivery/send-test-event";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { MASK } from "@/lib/webhooks/sealed-entries";
import { revealSigningSecret, rotateSigningSecret } from "@/lib/webhooks/signing-secret";
import { createProgram, createTeam } from "../helpers/fixtures";
import { startInboxServer } from "../helpers/inbox-server";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// The inbox as a newcomer uses it: a webhook pointed at the team's inbox URL, a test event sent
// over real HTTP, and the request listed with its signature checked.
const database = setUpTestDatabase({ processDatabase: true });
let server: Awaited<ReturnType<typeof startInboxServer>>;
beforeAll(async () => {
  server = await startInboxServer();
});
afterAll(() => server?.close());

async function inboxWebhook(overrides: Partial<WebhookInput> = {}) {
  const program = await createProgram(database.db);
  const { token } = await openInbox(program.team);
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Inbox",
    url: server.urlOf(token),
    event: "lead.created",
    ...overrides,
  });
  if (!created.ok) throw new Error(created.message);
  return { ...program, token, webhook: created.value };
}

const header = (row: { headers: [string, string][] }, name: string) => row.headers.find(([n]) => n === name)?.[1];

/** A request with the headers of a delivery the team's webhook really sent. */
async function signedBy(team: TeamContext, webhookId: string) {
  const test = await sendTestEvent(team, webhookId);
  if (!test.ok) throw new Error(test.message);
  const [row] = await listInboxRequests(team);
  return { row: row!, deliveryId: test.value.deliveryId };
}

describe(`request inbox (${databaseKind()})`, () => {
  it("receives a test event over HTTP and shows it verified against the webhook's secret", async () => {
    const { team, webhook } = await inboxWebhook();
    const test = await sendTestEvent(team, webhook.id);
    expect(test).toMatchObject({ ok: true, value: { delivered: true } });
    if (!test.ok) return;
    expect(test.value.result.status).toBe(200);

    const [row] = await listInboxRequests(team);
    expect(row).toMatchObject({
      method: "POST",
      signature: {
        outcome: "valid",
        deliveryId: test.value.deliveryId,
        webhook: { id: webhook.id, name: "Inbox", event: "lead.created" },
      },
    });
    expect(JSON.parse(row!.body)).toMatchObject({ id: test.value.deliveryId, type: "lead.created" });
    expect(header(row!, "webhook-id")).toBe(test.value.deliveryId);
    expect(header(row!, "webhook-signature")).toMatch(/^v1,/);
  });

  it("verifies a GET webhook, whose signature covers the request target", async () => {
    const { team, webhook } = await inboxWebhook({ method: "GET", event: "lead.qualified" });
    const { row } = await signedBy(team, webhook.id);
    expect(row).toMatchObject({ method: "GET", body: "", signature: { outcome: "valid" } });
    expect(row.target).toContain("type=lead.qualified");
  });

  it("verifies during a secret rotation, when both secrets sign", async () => {
    const { team, webhook } = await inboxWebhook();
    await rotateSigningSecret(team, webhook.id);
    const { row } = await signedBy(team, webhook.id);
    expect(header(row, "webhook-signature")!.split(" ")).toHaveLength(2);
    expect(row.signature.outcome).toBe("valid");
  });

  it("says why a tampered, stale or foreign request does not verify", async () => {
    const { team, token, webhook } = await inboxWebhook();
    const { row, deliveryId } = await signedBy(team, webhook.id);
    const signed = Object.fromEntries(row.headers.filter(([name]) => name.startsWith("webhook-")));
    const post = (body: string, headers: Record<string, string>) =>
      fetch(server.urlOf(token), { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    await post(row.body.replace("lead.created", "lead.qualified"), signed);
    const stale = new Date(Date.now() - 10 * 60_000);
    const secret = await revealSigningSecret(team, webhook.id);
    if (!secret.ok) throw new Error(secret.message);
    await post(row.body, {
      "webhook-id": deliveryId,
      "webhook-timestamp": String(Math.floor(stale.getTime() / 1000)),
      "webhook-signature": new StandardWebhook(secret.value.secret).sign(deliveryId, stale, row.body),
    });
    // Another team's delivery id: not theirs to check.
    const other = await inboxWebhook();
    const foreign = await sendTestEvent(other.team, other.webhook.id);
    if (!foreign.ok) throw new Error(foreign.message);
    await post(row.body, { ...signed, "webhook-id": foreign.value.deliveryId });
    await post("hello", {});

    const [unsigned, unknown, old, tampered] = await listInboxRequests(team);
    expect(tampered!.signature).toMatchObject({ outcome: "invalid", reason: "No matching signature found" });
    expect(old!.signature).toMatchObject({ outcome: "invalid", reason: "Message timestamp too old" });
    expect(unknown!.signature.outcome).toBe("unknown_sender");
    expect(unsigned!.signature.outcome).toBe("unsigned");
    expect(unsigned!.body).toBe("hello");
  });

  it("masks secrets before storing: cookies, authorization, the webhook's headers and credentials", async () => {
    const { team, token, webhook } = await inboxWebhook({
      headers: [{ key: "X-Api-Key", value: "header-secret" }],
      credentials: [{ key: "password", value: "credential-secret" }],
    });
    const post = await inboxWebhook({
      method: "GET",
      credentials: [{ key: "password", value: "query-secret" }],
    });
    await signedBy(team, webhook.id);
    const { row: fromGet } = await signedBy(post.team, post.webhook.id);
    await fetch(server.urlOf(token), { headers: { cookie: "session=browser-secret", authorization: "Bearer x" } });

    const [browser, fromPost] = await listInboxRequests(team);
    const stored = JSON.stringify([browser, fromPost, fromGet]);
    for (const secret of ["header-secret", "credential-secret", "query-secret", "browser-secret", "Bearer x"])
      expect(stored).not.toContain(secret);
    expect(header(fromPost!, "x-api-key")).toBe(MASK);
    expect(JSON.parse(fromPost!.body).data.credentials).toEqual({ password: MASK });
    expect(fromPost!.signature.outcome).toBe("valid"); // checked before masking
    expect(new URLSearchParams(fromGet.target.split("?")[1]).get("data.credentials.password")).toBe(MASK);
    expect(header(browser!, "cookie")).toBe(MASK);
    expect(header(browser!, "authorization")).toBe(MASK);
  });

  it("keeps each team's requests to itself", async () => {
    const { team, token } = await inboxWebhook();
    const other = await createTeam(database.db);
    await fetch(server.urlOf(token), { method: "POST", body: "for the first team" });
    expect((await listInboxRequests(team)).map((r) => r.body)).toContain("for the first team");
    expect(await listInboxRequests(other)).toEqual([]);
    await clearInbox(other);
    expect(await listInboxRequests(team)).toHaveLength(1);
    await clearInbox(team);
    expect(await listInboxRequests(team)).toEqual([]);
  });

  it("gives a team one URL however many first visits race for it", async () => {
    const team = await createTeam(database.db);
    const opened = await Promise.all(Array.from({ length: 6 }, () => openInbox(team)));
    expect(new Set(opened.map((o) => o.token)).size).toBe(1);
    expect(opened[0]!.url).toMatch(/\/api\/inbox\/rwbox_[A-Za-z0-9_-]{22}$/);
  });

  it("keeps the newest requests only, and refuses what it cannot keep", async () => {
    const { team, token } = await inboxWebhook();
    for (let i = 0; i < INBOX_KEEP + 3; i++) await fetch(server.urlOf(token), { method: "POST", body: `request ${i}` });
    const kept = await listInboxRequests(team);
    expect(kept).toHaveLength(INBOX_KEEP);
    expect(kept[0]!.body).toBe(`request ${INBOX_KEEP + 2}`);
    const [{ stored }] = (await database.db
      .select({ stored: count() })
      .from(inboxRequests)
      .where(eq(inboxRequests.teamId, team.teamId))) as [{ stored: number }];
    expect(stored).toBe(INBOX_KEEP);

    const tooBig = await fetch(server.urlOf(token), { method: "POST", body: "x".repeat(65 * 1024) });
    expect(tooBig.status).toBe(413);
    const unknown = await fetch(server.urlOf(`rwbox_${"a".repeat(22)}`), { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await fetch(server.urlOf("not-a-token"))).status).toBe(404);
    expect((await listInboxRequests(team))[0]!.body).toBe(`request ${INBOX_KEEP + 2}`);
  });

  it("is where the demo account's webhook sends", async () => {
    expect(await seedDemo(database.db)).toBe("created");
    const [demo] = await database.db
      .select({ teamId: teamMembers.teamId })
      .from(marketers)
      .innerJoin(teamMembers, eq(teamMembers.marketerId, marketers.id))
      .where(eq(marketers.email, DEMO_LOGIN.email));
    const team = { db: database.db, teamId: demo!.teamId };
    const demoHooks = await database.db.select().from(webhooks).where(eq(webhooks.teamId, team.teamId));
    expect(demoHooks.map((w) => w.url)).toEqual([(await openInbox(team)).url]);
  });

  it("is off in production unless REQUEST_INBOX=true", async () => {
    const { team, token } = await inboxWebhook();
    vi.stubEnv("REQUEST_INBOX", "false");
    vi.resetModules();
    const offServer = await startInboxServer(await import("@/app/api/inbox/[token]/route"));
    try {
      const answer = await fetch(offServer.urlOf(token), { method: "POST", body: "{}" });
      expect(answer.status).toBe(404);
      expect((await answer.json()).error.message).toContain("REQUEST_INBOX=true");
      expect(await listInboxRequests(team)).toEqual([]);
    } finally {
      await offServer.close();
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
