import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { apiKeys, webhooks } from "@/db/schema";
import { authenticateApiKey, generateApiKey, getActiveApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-key";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { listWebhooks } from "@/lib/webhooks/webhook-views";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { getWebhookRow } from "@/lib/webhooks/webhook-row";
import { unsealEntries } from "@/lib/webhooks/sealed-entries";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const publicLookup = async () => [{ address: "93.184.215.14", family: 4 }];
const input = (overrides: Partial<WebhookInput> = {}): WebhookInput => ({
  name: "CRM",
  url: "https://crm.example.com/hooks/referwire",
  method: "POST",
  event: "lead.qualified",
  sources: ["Referred", "API"],
  headers: [
    { key: "Authorization", value: "Bearer super-secret-token" },
    { key: "X-Tenant", value: "tenant-42" },
    { key: "X-Extra", value: "extra-secret" },
  ],
  credentials: [{ key: "api_key", value: "cred-secret-value" }],
  ...overrides,
});

async function setup() {
  const team = await createTeam(database.db);
  const campaign = await createTestCampaign(team);
  return { team, campaign };
}

describe(`webhook management (${databaseKind()})`, () => {
  it("creates a webhook whose secrets are encrypted at rest and masked when listed", async () => {
    const { team, campaign } = await setup();
    const created = await createWebhook(team, campaign.id, input(), { lookup: publicLookup });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const [raw] = await selectRows<Record<string, unknown>>(
      database.db,
      sql`select * from webhooks where id = ${created.value.id}`,
    );
    const rawText = JSON.stringify(raw);
    for (const secret of ["super-secret-token", "tenant-42", "extra-secret", "cred-secret-value", "whsec_"])
      expect(rawText).not.toContain(secret);

    const [view] = await listWebhooks(team, campaign.id);
    expect(view).toMatchObject({
      name: "CRM",
      method: "POST",
      event: "lead.qualified",
      sources: ["Referred", "API"],
      status: "active",
    });
    expect(view!.headers).toEqual([
      { key: "Authorization", masked: "••••••••" },
      { key: "X-Tenant", masked: "••••••••" },
      { key: "X-Extra", masked: "••••••••" },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/super-secret|cred-secret|whsec_|v1\./);
    const secret = await revealSigningSecret(team, created.value.id);
    expect(secret).toMatchObject({ ok: true, value: { secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{32}$/) } });
  });

  it("editing keeps a secret unless a new value is typed", async () => {
    const { team, campaign } = await setup();
    const created = await createWebhook(team, campaign.id, input(), { lookup: publicLookup });
    if (!created.ok) throw new Error(created.message);
    const updated = await updateWebhook(
      team,
      created.value.id,
      input({
        name: "CRM v2",
        event: "reward.issued",
        headers: [
          { key: "authorization", value: "" },
          { key: "X-Tenant", value: "tenant-43" },
        ],
        credentials: [],
      }),
      { lookup: publicLookup },
    );
    expect(updated).toMatchObject({ ok: true, value: { name: "CRM v2", event: "reward.issued" } });
    const row = await getWebhookRow(team, created.value.id);
    expect(unsealEntries(row!.headers, row!.id)).toEqual({
      authorization: "Bearer super-secret-token",
      "X-Tenant": "tenant-43",
    });
    expect(row!.credentials).toEqual([]);
    expect(
      await updateWebhook(team, created.value.id, input({ headers: [{ key: "X-New", value: "" }] }), {
        lookup: publicLookup,
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { "headers.0.value": "Enter a value" },
    });
  });

  it("refuses bad input field by field and saves nothing", async () => {
    const { team, campaign } = await setup();
    const result = await createWebhook(team, campaign.id, {
      name: "",
      url: "ftp://x",
      method: "DELETE" as "POST",
      event: "nope" as "lead.created",
      headers: [
        { key: "Host", value: "x" },
        { key: "A", value: "1" },
        { key: "a", value: "2" },
        { key: "B", value: "3" },
      ],
      credentials: [{ key: "bad key", value: "x" }],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok)
      expect(Object.keys(result.fieldErrors!).sort()).toEqual([
        "credentials.0.key",
        "event",
        "headers",
        "method",
        "name",
        "url",
      ]);
    expect(await createWebhook(team, campaign.id, input({ url: "https://user:pass@crm.example.com/x" }))).toMatchObject(
      { fieldErrors: { url: expect.stringContaining("user name and password") } },
    );
    expect(await listWebhooks(team, campaign.id)).toEqual([]);
  });

  it("refuses destinations that resolve to private addresses unless configuration allows them", async () => {
    const { team, campaign } = await setup();
    const { env } = await import("@/lib/config/env");
    const before = env().ALLOW_PRIVATE_WEBHOOK_TARGETS;
    try {
      Object.assign(env(), { ALLOW_PRIVATE_WEBHOOK_TARGETS: false });
      expect(await createWebhook(team, campaign.id, input({ url: "https://127.0.0.1/x" }))).toMatchObject({
        fieldErrors: { url: expect.stringContaining("not allowed") },
      });
      expect(await createWebhook(team, campaign.id, input({ url: "https://2130706433/x" }))).toMatchObject({
        fieldErrors: { url: expect.stringContaining("not allowed") },
      });
      expect(
        await createWebhook(team, campaign.id, input({ url: "https://internal.example.com/x" }), {
          lookup: async () => [{ address: "10.0.0.8", family: 4 }],
        }),
      ).toMatchObject({
        fieldErrors: { url: expect.stringContaining("10.0.0.8") },
      });
      expect(
        await createWebhook(team, campaign.id, input({ url: "http://crm.example.com/x" }), { lookup: publicLookup }),
      ).toMatchObject({ fieldErrors: { url: "Use an https:// URL" } });
    } finally {
      Object.assign(env(), { ALLOW_PRIVATE_WEBHOOK_TARGETS: before });
    }
    expect(await createWebhook(team, campaign.id, input({ url: "http://127.0.0.1:9/x" }))).toMatchObject({ ok: true });
  });

  it("another team's webhook is not found through every action", async () => {
    const a = await setup();
    const created = await createWebhook(a.team, a.campaign.id, input(), { lookup: publicLookup });
    if (!created.ok) throw new Error(created.message);
    const b = await createTeam(database.db);
    expect(await createWebhook(b, a.campaign.id, input(), { lookup: publicLookup })).toMatchObject({
      code: "not_found",
    });
    expect(await updateWebhook(b, created.value.id, input({ name: "Stolen" }), { lookup: publicLookup })).toMatchObject(
      { code: "not_found" },
    );
    expect(await revealSigningSecret(b, created.value.id)).toMatchObject({ code: "not_found" });
    expect(await deleteWebhook(b, created.value.id)).toMatchObject({ code: "not_found" });
    expect(await listWebhooks(b, a.campaign.id)).toEqual([]);
    expect(await deleteWebhook(a.team, created.value.id)).toMatchObject({ ok: true });
    expect(await database.db.select().from(webhooks).where(eq(webhooks.id, created.value.id))).toEqual([]);
  });
});

describe(`API keys (${databaseKind()})`, () => {
  it("shows a key once, stores only its hash, and regenerating revokes the old one", async () => {
    const team = await createTeam(database.db);
    const first = await generateApiKey(team);
    if (!first.ok) throw new Error("no key");
    expect(first.value.key).toMatch(/^rw_live_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.select().from(apiKeys).where(eq(apiKeys.teamId, team.teamId));
    expect(JSON.stringify(stored)).not.toContain(first.value.key);
    expect(await getActiveApiKey(team)).toMatchObject({ prefix: first.value.key.slice(0, 12), lastUsedAt: null });
    expect(await authenticateApiKey(database.db, first.value.key)).toMatchObject({ teamId: team.teamId });
    expect((await getActiveApiKey(team))!.lastUsedAt).toBeInstanceOf(Date);

    const second = await generateApiKey(team);
    if (!second.ok) throw new Error("no key");
    expect(await authenticateApiKey(database.db, first.value.key)).toBeNull();
    expect(await authenticateApiKey(database.db, second.value.key)).toMatchObject({ teamId: team.teamId });
    await revokeApiKey(team);
    expect(await authenticateApiKey(database.db, second.value.key)).toBeNull();
    expect(await getActiveApiKey(team)).toBeNull();
    expect(await authenticateApiKey(database.db, "rw_live_guess")).toBeNull();
  });
});
