import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { outboxEvents, rewards } from "@/db/schema";
import { INBOUND_POLICY, INBOUND_RATE_WINDOW_MS } from "@/lib/inbound/inbound-policy";
import { createLead } from "../helpers/fixtures";
import { createInboundProgram, leadStatus, postCode, programState } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

/** A clock parked mid-window, so a test never straddles a window boundary by accident. */
const parkedClock = (windows = 0) => {
  const start = Math.floor(Date.now() / INBOUND_RATE_WINDOW_MS) * INBOUND_RATE_WINDOW_MS + INBOUND_RATE_WINDOW_MS / 2;
  return () => new Date(start + windows * INBOUND_RATE_WINDOW_MS);
};

describe(`concurrency (${databaseKind()})`, () => {
  it("fifty simultaneous requests with one code qualify once, with one event and one reward", async () => {
    const { campaign, lead, token } = await createInboundProgram(database.db, { autoIssueRewards: true });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postCode(database.db, token, lead.referralCode)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.filter((a) => a.body.already_qualified === false)).toHaveLength(1);
    const events = await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id));
    expect(events.filter((e) => e.type === "lead.qualified")).toHaveLength(1);
    expect(events.filter((e) => e.type === "reward.issued")).toHaveLength(1);
    expect(await database.db.select().from(rewards).where(eq(rewards.campaignId, campaign.id))).toHaveLength(1);
  });

  it("different leads of one referrer qualifying at once each count once under an every-N rule", async () => {
    const { campaign, referrer, token } = await createInboundProgram(database.db, {
      rewardMode: "every_n",
      rewardEveryN: 2,
    });
    const more = await Promise.all([1, 2, 3].map((i) => createLead(database.db, referrer.referralCode, `More${i}`)));
    const codes = [...more.map((l) => l.referralCode), ...more.map((l) => l.referralCode)];
    const answers = await Promise.all(codes.map((code) => postCode(database.db, token, code)));
    expect(answers.filter((a) => a.body.already_qualified === false)).toHaveLength(3);
    const granted = await database.db.select().from(rewards).where(eq(rewards.campaignId, campaign.id));
    expect(granted.map((r) => r.grantKey)).toEqual([`referrer:${referrer.id}:milestone:1`]);
  });
});

describe(`rate limit (${databaseKind()})`, () => {
  it("answers 429 with Retry-After past the limit, and opens again in the next window", async () => {
    const { lead, referrer, token } = await createInboundProgram(database.db);
    const policy = { ...INBOUND_POLICY, rateLimit: 3, now: parkedClock() };
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await postCode(database.db, token, i === 4 ? lead.referralCode : referrer.referralCode, policy));
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 429, 429]);
    expect(answers[3]!.body).toMatchObject({ error: "rate_limited", message: expect.any(String) });
    expect(Number(answers[3]!.headers.get("retry-after"))).toBe(30);
    expect(await leadStatus(database.db, lead.id)).toBe("pending");
    const next = await postCode(database.db, token, lead.referralCode, { ...policy, now: parkedClock(1) });
    expect(next.status).toBe(200);
  });

  it("holds under concurrency: exactly the limit gets through", async () => {
    const { campaign, referrer, token } = await createInboundProgram(database.db);
    const policy = { ...INBOUND_POLICY, rateLimit: 7, now: parkedClock() };
    const before = await programState(database.db, [campaign.id]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postCode(database.db, token, referrer.referralCode, policy)),
    );
    expect(answers.filter((a) => a.status === 422)).toHaveLength(7);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(13);
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });

  it("after the first refusal, the rest of the window is answered without the database", async () => {
    const { referrer, token } = await createInboundProgram(database.db);
    const policy = { ...INBOUND_POLICY, rateLimit: 1, now: parkedClock() };
    await postCode(database.db, token, referrer.referralCode, policy);
    expect((await postCode(database.db, token, referrer.referralCode, policy)).status).toBe(429);
    const unusable = new Proxy({} as Db, {
      get: (_, property) => {
        if (property === "then") return undefined;
        throw new Error(`the database was used (${String(property)})`);
      },
    });
    const answer = await postCode(unusable, token, referrer.referralCode, policy);
    expect(answer).toMatchObject({ status: 429, body: { error: "rate_limited" } });
    expect(Number(answer.headers.get("retry-after"))).toBe(30);
  });

  it("keeps its counters in an unlogged table (no WAL flush while the campaign's row is locked)", async () => {
    const [table] = await selectRows<{ persistence: string }>(
      database.db,
      sql`select relpersistence as persistence from pg_class where relname = 'inbound_rate_windows'`,
    );
    expect(table).toEqual({ persistence: "u" });
  });

  it("is counted per campaign", async () => {
    const a = await createInboundProgram(database.db);
    const b = await createInboundProgram(database.db);
    const policy = { ...INBOUND_POLICY, rateLimit: 1, now: parkedClock() };
    expect((await postCode(database.db, a.token, a.referrer.referralCode, policy)).status).toBe(422);
    expect((await postCode(database.db, a.token, a.lead.referralCode, policy)).status).toBe(429);
    expect((await postCode(database.db, b.token, b.lead.referralCode, policy)).status).toBe(200);
  });
});
