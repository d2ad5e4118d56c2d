import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiIdempotencyKeys, outboxEvents, participants } from "@/db/schema";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import { IDEMPOTENCY_KEY_TTL_MS, pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { callApi } from "../helpers/api";
import { createLead, createProgram, uniqueEmail } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { contractErrors, recordResponse } from "./contract";

const database = setUpTestDatabase({ processDatabase: true });
const api = async (...args: Parameters<typeof callApi>) => recordResponse(await callApi(...args));

async function teamWithKey() {
  const program = await createProgram(database.db);
  const key = await generateApiKey(program.team);
  if (!key.ok) throw new Error("no key");
  return { ...program, key: key.value.key };
}
const usersNamed = (campaignId: string, firstName: string) =>
  database.db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.campaignId, campaignId), eq(participants.firstName, firstName)));
const eventCount = async (campaignId: string) =>
  (await database.db.select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.campaignId, campaignId)))
    .length;

describe(`Idempotency-Key on API writes (${databaseKind()})`, () => {
  it("refuses a body over 64 KB before reading it whole, even where the write takes none", async () => {
    const { key, lead } = await teamWithKey();
    const res = await api("DELETE", `/users/${lead.id}`, {
      key,
      rawBody: "x".repeat(65 * 1024),
      headers: { "idempotency-key": "too-big" },
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await database.db.select().from(participants).where(eq(participants.id, lead.id))).toHaveLength(1);
  });

  it("a retry with the same key and body replays the first answer and writes nothing more", async () => {
    const { campaign, key } = await teamWithKey();
    const body = { campaign_id: campaign.id, type: "referrer", first_name: "Idem", email: uniqueEmail("idem") };
    const headers = { "idempotency-key": "order-7f3a" };
    const events = await eventCount(campaign.id);
    const first = await api("POST", "/users", { key, body, headers });
    const second = await api("POST", "/users", { key, body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second).toMatchObject({ status: 201, json: first.json });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(contractErrors(second)).toBeNull();
    expect(await usersNamed(campaign.id, "Idem")).toHaveLength(1);
    expect(await eventCount(campaign.id)).toBe(events + 2); // user.joined and referrer.joined, once
  });

  it("the same key with a different request is a 409 and runs nothing", async () => {
    const { campaign, key } = await teamWithKey();
    const headers = { "idempotency-key": "same-key" };
    const make = (firstName: string) => ({
      campaign_id: campaign.id,
      type: "referrer",
      first_name: firstName,
      email: uniqueEmail(),
    });
    expect((await api("POST", "/users", { key, body: make("One"), headers })).status).toBe(201);
    const reused = await api("POST", "/users", { key, body: make("Two"), headers });
    expect(reused).toMatchObject({ status: 409, json: { error: { code: "idempotency_key_reused" } } });
    expect(contractErrors(reused)).toBeNull();
    expect(await usersNamed(campaign.id, "Two")).toHaveLength(0);
  });

  it("concurrent requests with one key run once; every caller gets the one answer", async () => {
    const { campaign, key } = await teamWithKey();
    const body = { campaign_id: campaign.id, type: "referrer", first_name: "Racer", email: uniqueEmail("racer") };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api("POST", "/users", { key, body, headers: { "idempotency-key": "race-1" } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 6 }, () => 201));
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
    expect(await usersNamed(campaign.id, "Racer")).toHaveLength(1);
  });

  it("replays failures it answered too (a 422), and a DELETE's 204", async () => {
    const { campaign, key, lead } = await teamWithKey();
    const invalid = { campaign_id: campaign.id, type: "referrer", first_name: "", email: "not-an-email" };
    const first = await api("POST", "/users", { key, body: invalid, headers: { "idempotency-key": "bad-1" } });
    const again = await api("POST", "/users", { key, body: invalid, headers: { "idempotency-key": "bad-1" } });
    expect(first.status).toBe(422);
    expect(again).toMatchObject({ status: 422, json: first.json });
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    const del = { key, headers: { "idempotency-key": "delete-lead" } };
    expect((await api("DELETE", `/users/${lead.id}`, del)).status).toBe(204);
    const replayed = await api("DELETE", `/users/${lead.id}`, del);
    expect(replayed.status).toBe(204);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    // Without the key the retry would have been told the truth: the user is gone.
    expect((await api("DELETE", `/users/${lead.id}`, { key })).status).toBe(404);
  });

  it("keys belong to one API key, expire after 24 hours, and must be 1–255 visible ASCII characters", async () => {
    const a = await teamWithKey();
    const b = await teamWithKey();
    const headers = { "idempotency-key": "shared-name" };
    const qualify = (program: typeof a) =>
      api("POST", "/qualifications", { key: program.key, body: { id: program.lead.id, qualified: true }, headers });
    expect((await qualify(a)).json).toMatchObject({ changed: true });
    expect((await qualify(b)).json).toMatchObject({ changed: true }); // not a's answer

    await database.db
      .update(apiIdempotencyKeys)
      .set({ createdAt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS - 1000) })
      .where(eq(apiIdempotencyKeys.key, "shared-name"));
    const rerun = await qualify(a);
    expect(rerun.json).toMatchObject({ changed: false }); // ran again: the lead was already qualified
    expect(rerun.headers.get("idempotent-replayed")).toBeNull();

    for (const bad of ["", "x".repeat(256), "naïve"]) {
      const answer = await api("POST", "/qualifications", {
        key: a.key,
        body: { id: a.lead.id, qualified: true },
        headers: { "idempotency-key": bad },
      });
      expect(answer).toMatchObject({ status: 400, json: { error: { code: "invalid_idempotency_key" } } });
    }
  });

  it("the daily prune removes only keys past their 24 hours", async () => {
    const { campaign, key } = await teamWithKey();
    for (const name of ["keep", "drop"]) {
      const body = { campaign_id: campaign.id, type: "referrer", first_name: name, email: uniqueEmail() };
      await api("POST", "/users", { key, body, headers: { "idempotency-key": `prune-${name}` } });
    }
    await database.db
      .update(apiIdempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(apiIdempotencyKeys.key, "prune-drop"));
    expect(await pruneIdempotencyKeys(database.db)).toBeGreaterThanOrEqual(1);
    const left = await database.db.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys);
    expect(left.map((r) => r.key)).toContain("prune-keep");
    expect(left.map((r) => r.key)).not.toContain("prune-drop");
  });
});

describe(`cursor pagination of users and rewards (${databaseKind()})`, () => {
  it("next_cursor walks every user once, in order, while new users arrive between pages", async () => {
    const { campaign, key, referrer } = await teamWithKey();
    for (let i = 0; i < 6; i++) await createLead(database.db, referrer.referralCode, `Page${i}`);
    const before = await api("GET", `/users?campaign_id=${campaign.id}&per_page=100`, { key });
    const expected = (before.json!.data as { id: string }[]).map((u) => u.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/users?campaign_id=${campaign.id}&per_page=3${cursor ? `&starting_after=${cursor}` : ""}`;
      const page = await api("GET", query, { key });
      expect(page.status).toBe(200);
      expect(contractErrors(page)).toBeNull();
      seen.push(...(page.json!.data as { id: string }[]).map((u) => u.id));
      cursor = page.json!.next_cursor as string | null;
      // Newer than every row already listed: must not appear on the pages after the cursor.
      await createLead(database.db, referrer.referralCode, "Newcomer");
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("rewards page by cursor too; an unknown cursor or a cursor with a page number is refused", async () => {
    const { campaign, key, referrer, team } = await teamWithKey();
    for (let i = 0; i < 3; i++) {
      const lead = await createLead(database.db, referrer.referralCode, `Earner${i}`);
      await callApi("POST", "/qualifications", { key, body: { id: lead.id, qualified: true } });
    }
    const first = await api("GET", `/rewards?campaign_id=${campaign.id}&per_page=2`, { key });
    const second = await api(
      "GET",
      `/rewards?campaign_id=${campaign.id}&per_page=2&starting_after=${first.json!.next_cursor}`,
      {
        key,
      },
    );
    expect(first.json!.data).toHaveLength(2);
    expect(second.json).toMatchObject({ next_cursor: null, has_more: false });
    expect(second.json!.data).toHaveLength(1);
    expect(team.teamId).toBeTruthy();

    const other = await teamWithKey();
    const foreign = await api("GET", `/rewards?starting_after=${first.json!.next_cursor}`, { key: other.key });
    expect(foreign).toMatchObject({
      status: 422,
      json: { error: { details: { starting_after: expect.any(String) } } },
    });
    const mixed = await api("GET", `/users?page=2&starting_after=${referrer.id}`, { key });
    expect(mixed).toMatchObject({ status: 422, json: { error: { details: { page: expect.any(String) } } } });
  });
});
