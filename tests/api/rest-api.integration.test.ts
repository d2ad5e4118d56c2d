import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { apiRateWindows, outboxEvents, participants } from "@/db/schema";
import { generateApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-key";
import { API_RATE_LIMIT } from "@/lib/api/rate-limit";
import { callApi } from "../helpers/api";
import { createProgram, createTeam, createTestCampaign, uniqueEmail } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { contractErrors, recordResponse, recorded } from "./contract";

const database = setUpTestDatabase({ processDatabase: true });

/** Calls the API and keeps the response for the contract check against the OpenAPI document. */
const api = async (...args: Parameters<typeof callApi>) => recordResponse(await callApi(...args));

async function teamWithKey() {
  const program = await createProgram(database.db);
  const key = await generateApiKey(program.team);
  if (!key.ok) throw new Error("no key");
  return { ...program, key: key.value.key };
}
// In the order they were written: the relay after each request rewrites rows, which moves them.
const eventsOf = async (campaignId: string) =>
  (
    await database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.campaignId, campaignId))
      .orderBy(asc(outboxEvents.createdAt))
  ).map((e) => e.type);

describe(`REST API v1 (${databaseKind()})`, () => {
  it("refuses requests without a valid key", async () => {
    const { team, key } = await teamWithKey();
    expect((await api("GET", "/campaigns")).status).toBe(401);
    expect(await api("GET", "/campaigns", { key: "rw_live_not-a-real-key" })).toMatchObject({
      status: 401,
      json: { error: { code: "unauthorized" } },
    });
    expect((await api("GET", "/campaigns", { key })).status).toBe(200);
    await revokeApiKey(team);
    expect((await api("GET", "/campaigns", { key })).status).toBe(401);
  });

  it("reports the key's team", async () => {
    const one = await teamWithKey();
    const other = await teamWithKey();
    for (const { key, team } of [one, other]) {
      const res = await api("GET", "/team", { key });
      expect(res.status).toBe(200);
      expect(res.json!.data).toEqual({ id: team.teamId, name: "Test Marketer's team" });
    }
    expect((await api("GET", "/team")).status).toBe(401);
  });

  it("lists and gets the team's campaigns only", async () => {
    const a = await teamWithKey();
    const b = await teamWithKey();
    const list = await api("GET", "/campaigns", { key: a.key });
    expect(list.json!.data.map((c: { id: string }) => c.id)).toEqual([a.campaign.id]);
    expect(list.json!.data[0]).toMatchObject({
      name: "Test campaign",
      join_link: `http://localhost:3000/join/${a.campaign.id}`,
    });
    expect((await api("GET", `/campaigns/${a.campaign.id}`, { key: a.key })).status).toBe(200);
    expect((await api("GET", `/campaigns/${a.campaign.id}`, { key: b.key })).status).toBe(404);
    expect((await api("GET", "/campaigns/not-a-uuid", { key: a.key })).status).toBe(404);
  });

  it("creates referrers and leads with source API and the same events as the dashboard", async () => {
    const { campaign, referrer, key } = await teamWithKey();
    const before = (await eventsOf(campaign.id)).length;
    const ref = await api("POST", "/users", {
      key,
      body: { campaign_id: campaign.id, type: "referrer", first_name: "Api", email: uniqueEmail("api") },
    });
    expect(ref).toMatchObject({ status: 201, json: { data: { type: "referrer", source: "API", status: null } } });
    for (const by of [referrer.id, referrer.referralCode, referrer.email]) {
      const lead = await api("POST", "/users", {
        key,
        body: { campaign_id: campaign.id, type: "lead", first_name: "Lead", email: uniqueEmail("lead"), referrer: by },
      });
      expect(lead).toMatchObject({
        status: 201,
        json: { data: { type: "lead", source: "API", status: "pending", referrer_id: referrer.id } },
      });
    }
    expect((await eventsOf(campaign.id)).slice(before).sort()).toEqual([
      "lead.created",
      "lead.created",
      "lead.created",
      "referrer.joined",
      "user.joined",
      "user.joined",
      "user.joined",
      "user.joined",
    ]);
    const dup = await api("POST", "/users", {
      key,
      body: { campaign_id: campaign.id, type: "referrer", first_name: "Dup", email: referrer.email },
    });
    expect(dup).toMatchObject({ status: 409, json: { error: { code: "conflict" } } });
    const orphan = await api("POST", "/users", {
      key,
      body: { campaign_id: campaign.id, type: "lead", first_name: "O", email: uniqueEmail("o"), referrer: "nobody" },
    });
    expect(orphan).toMatchObject({ status: 422, json: { error: { details: { referrer: expect.any(String) } } } });
  });

  it("answers bad bodies with clear errors and writes nothing", async () => {
    const { campaign, key } = await teamWithKey();
    const count = async () =>
      (await database.db.select().from(participants).where(eq(participants.campaignId, campaign.id))).length;
    const before = await count();
    expect(await api("POST", "/users", { key, rawBody: "{nope" })).toMatchObject({
      status: 400,
      json: { error: { code: "malformed_json" } },
    });
    expect(
      await api("POST", "/users", { key, rawBody: "a=b", contentType: "application/x-www-form-urlencoded" }),
    ).toMatchObject({ status: 415 });
    expect(await api("POST", "/users", { key, rawBody: JSON.stringify({ pad: "x".repeat(70_000) }) })).toMatchObject({
      status: 413,
    });
    const invalid = await api("POST", "/users", {
      key,
      body: { campaign_id: "x", type: "boss", first_name: "", email: "nope", extra: 1 },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json!.error.details).sort()).toEqual(
      expect.arrayContaining(["campaign_id", "email", "first_name", "type"]),
    );
    expect(await count()).toBe(before);
  });

  it("lists users with filters and pagination, gets and deletes them, and never another team's", async () => {
    const { campaign, referrer, lead, key } = await teamWithKey();
    const other = await teamWithKey();
    const page1 = await api("GET", `/users?campaign_id=${campaign.id}&per_page=1`, { key });
    expect(page1.json).toMatchObject({ page: 1, per_page: 1, total: 2, has_more: true });
    expect(
      (await api("GET", `/users?type=lead&campaign_id=${campaign.id}`, { key })).json!.data.map(
        (u: { id: string }) => u.id,
      ),
    ).toEqual([lead.id]);
    expect((await api("GET", `/users?code=${referrer.referralCode.toUpperCase()}`, { key })).json!.data).toHaveLength(
      1,
    );
    expect((await api("GET", `/users?email=${lead.email}&status=pending&source=Referred`, { key })).json!.total).toBe(
      1,
    );
    expect(
      (await api("GET", `/users?created_after=${new Date(Date.now() + 60_000).toISOString()}`, { key })).json!.total,
    ).toBe(0);
    expect(await api("GET", "/users?per_page=251", { key })).toMatchObject({
      status: 422,
      json: { error: { details: { per_page: expect.any(String) } } },
    });
    // Deep offsets are refused: page 1000 of 250 skips 249,750 rows, page 1001 would skip 250,000.
    expect((await api("GET", "/users?page=1000&per_page=250", { key })).status).toBe(200);
    for (const path of [
      "/users?page=1001&per_page=250",
      "/users?page=100000&per_page=250",
      "/rewards?page=5001&per_page=50",
    ]) {
      expect(await api("GET", path, { key })).toMatchObject({
        status: 400,
        json: {
          error: {
            code: "page_too_deep",
            message: expect.stringContaining("narrow the query"),
            details: { page: expect.any(String) },
          },
        },
      });
    }
    expect((await api("GET", `/users?campaign_id=${campaign.id}`, { key: other.key })).json!.total).toBe(0);
    expect((await api("GET", `/users/${lead.id}`, { key: other.key })).status).toBe(404);
    expect((await api("DELETE", `/users/${lead.id}`, { key: other.key })).status).toBe(404);
    expect((await api("GET", `/users/${lead.id}`, { key })).json!.data).toMatchObject({
      id: lead.id,
      referral_code: lead.referralCode,
    });
    expect((await api("DELETE", `/users/${lead.id}`, { key })).status).toBe(204);
    expect((await api("GET", `/users/${lead.id}`, { key })).status).toBe(404);
  });

  it("qualifies by id, code or email + campaign, idempotently, with one event and one reward", async () => {
    const { campaign, lead, key } = await teamWithKey();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api("POST", "/qualifications", { key, body: { referral_code: lead.referralCode, qualified: true } }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.json!.changed)).toHaveLength(1);
    expect((await eventsOf(campaign.id)).filter((t) => t === "lead.qualified")).toHaveLength(1);
    const rewards = await api("GET", `/rewards?campaign_id=${campaign.id}&status=due`, { key });
    expect(rewards.json).toMatchObject({ total: 1, data: [{ lead_id: lead.id, status: "due" }] });

    expect(
      await api("POST", "/qualifications", {
        key,
        body: { email: lead.email, campaign_id: campaign.id, qualified: false },
      }),
    ).toMatchObject({ status: 200, json: { changed: true, data: { status: "pending" } } });
    expect(await api("POST", "/qualifications", { key, body: { id: lead.id, qualified: false } })).toMatchObject({
      status: 200,
      json: { changed: false },
    });
    expect(
      await api("POST", "/qualifications", {
        key,
        body: { id: lead.id, referral_code: lead.referralCode, qualified: true },
      }),
    ).toMatchObject({ status: 422 });
    expect(await api("POST", "/qualifications", { key, body: { email: lead.email, qualified: true } })).toMatchObject({
      status: 422,
      json: { error: { details: { campaign_id: expect.any(String) } } },
    });
    // A blank email is not "no email": the lead is named two ways, one of them blank.
    expect(
      await api("POST", "/qualifications", { key, body: { id: lead.id, email: " ", qualified: true } }),
    ).toMatchObject({ status: 422, json: { error: { details: { email: expect.any(String) } } } });
    const other = await teamWithKey();
    expect(
      await api("POST", "/qualifications", { key: other.key, body: { id: lead.id, qualified: true } }),
    ).toMatchObject({ status: 404 });
  });

  it("issues a due reward once", async () => {
    const { campaign, lead, key } = await teamWithKey();
    await api("POST", "/qualifications", { key, body: { id: lead.id, qualified: true } });
    const [reward] = (await api("GET", `/rewards?campaign_id=${campaign.id}`, { key })).json!.data as { id: string }[];
    expect(await api("POST", `/rewards/${reward!.id}/issue`, { key })).toMatchObject({
      status: 200,
      json: { changed: true, data: { status: "issued" } },
    });
    expect(await api("POST", `/rewards/${reward!.id}/issue`, { key })).toMatchObject({
      status: 200,
      json: { changed: false },
    });
    expect((await eventsOf(campaign.id)).filter((t) => t === "reward.issued")).toHaveLength(1);
    const other = await teamWithKey();
    expect((await api("POST", `/rewards/${reward!.id}/issue`, { key: other.key })).status).toBe(404);
  });

  it("subscribes, lists and unsubscribes REST hooks through the dashboard's rules", async () => {
    const { campaign, key } = await teamWithKey();
    const created = await api("POST", "/webhooks", {
      key,
      body: { campaign_id: campaign.id, url: "http://127.0.0.1:9/zap", event: "lead.qualified", sources: ["API"] },
    });
    expect(created).toMatchObject({
      status: 201,
      json: {
        data: {
          event: "lead.qualified",
          sources: ["API"],
          status: "active",
          signing_secret: expect.stringMatching(/^whsec_/),
        },
      },
    });
    expect(
      await api("POST", "/webhooks", {
        key,
        body: { campaign_id: campaign.id, url: "ftp://nope", event: "lead.qualified" },
      }),
    ).toMatchObject({ status: 422, json: { error: { details: { url: expect.any(String) } } } });
    const list = await api("GET", `/webhooks?campaign_id=${campaign.id}`, { key });
    expect(list.json!.data).toHaveLength(1);
    expect(JSON.stringify(list.json)).not.toContain("whsec_");
    const other = await teamWithKey();
    expect((await api("DELETE", `/webhooks/${created.json!.data.id}`, { key: other.key })).status).toBe(404);
    expect(
      (
        await api("POST", "/webhooks", {
          key: other.key,
          body: { campaign_id: campaign.id, url: "http://127.0.0.1:9/x", event: "lead.created" },
        })
      ).status,
    ).toBe(404);
    expect((await api("DELETE", `/webhooks/${created.json!.data.id}`, { key })).status).toBe(204);
    expect((await api("GET", `/webhooks?campaign_id=${campaign.id}`, { key })).json!.data).toHaveLength(0);
  });

  it("rate-limits each key at about 600 requests a minute, with Retry-After", async () => {
    const { team, key } = await teamWithKey();
    expect((await api("GET", "/campaigns", { key })).status).toBe(200);
    await database.db
      .update(apiRateWindows)
      .set({ hits: API_RATE_LIMIT })
      .where(eq(apiRateWindows.teamId, team.teamId));
    const limited = await api("GET", "/campaigns", { key });
    expect(limited).toMatchObject({ status: 429, json: { error: { code: "rate_limited" } } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await teamWithKey();
    expect((await api("GET", "/campaigns", { key: other.key })).status).toBe(200);
  });

  it("an external system can run a program end to end", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { autoIssueRewards: true });
    const generated = await generateApiKey(team);
    if (!generated.ok) throw new Error("no key");
    const key = generated.value.key;
    const ref = await api("POST", "/users", {
      key,
      body: { campaign_id: campaign.id, type: "referrer", first_name: "R", email: uniqueEmail("r") },
    });
    const lead = await api("POST", "/users", {
      key,
      body: {
        campaign_id: campaign.id,
        type: "lead",
        first_name: "L",
        email: uniqueEmail("l"),
        referrer: ref.json!.data.referral_code,
      },
    });
    await api("POST", "/qualifications", {
      key,
      body: { referral_code: lead.json!.data.referral_code, campaign_id: campaign.id, qualified: true },
    });
    expect((await api("GET", `/rewards?campaign_id=${campaign.id}&status=issued`, { key })).json!.total).toBe(1);
  });
});

describe("the OpenAPI contract", () => {
  it("every response the tests above received validates against the document", () => {
    expect(recorded.length).toBeGreaterThan(50);
    expect(recorded.map(contractErrors).filter(Boolean)).toEqual([]);
  });
});
