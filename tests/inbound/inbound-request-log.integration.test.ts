import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { inboundRequests } from "@/db/schema";
import { env } from "@/lib/config/env";
import { installSocketPeerForwarding } from "@/lib/http/append-socket-peer";
import { handleInboundQualify } from "@/lib/inbound/handle-inbound-qualify";
import { INBOUND_LOG_USER_AGENT_MAX, INBOUND_POLICY, INBOUND_RATE_WINDOW_MS } from "@/lib/inbound/inbound-policy";
import { newInboundToken } from "@/lib/inbound/inbound-token";
import { listInboundRequests } from "@/lib/inbound/list-inbound-requests";
import { createTeam } from "../helpers/fixtures";
import { callInbound, createInboundProgram, inboundRequest, postCode } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const windowStart = Math.floor(Date.now() / INBOUND_RATE_WINDOW_MS) * INBOUND_RATE_WINDOW_MS;
/** A clock that ticks 1 ms per call from the middle of a window, `windows` windows on. */
const tickingClock = (windows = 0) => {
  let t = windowStart + INBOUND_RATE_WINDOW_MS / 2 + windows * INBOUND_RATE_WINDOW_MS;
  return () => new Date(t++);
};

describe(`inbound request log (${databaseKind()})`, () => {
  it("records time, outcome, code, caller IP and user agent, newest first", async () => {
    const { team, campaign, lead, referrer, token } = await createInboundProgram(database.db);
    // As the server passes it on: whatever the caller wrote, then the socket peer it appended.
    const headers = { "x-forwarded-for": "203.0.113.7, 198.51.100.20", "user-agent": "Zapier" };
    await callInbound(database.db, token, inboundRequest(token, { form: { code: lead.referralCode } }, { headers }));
    await callInbound(
      database.db,
      token,
      inboundRequest(token, { json: { code: lead.referralCode } }, { headers: { "x-real-ip": "198.51.100.2" } }),
    );
    await postCode(database.db, token, referrer.referralCode);
    await callInbound(database.db, token, inboundRequest(token, { raw: "{oops", contentType: "application/json" }));

    const log = await listInboundRequests(team, campaign.id);
    expect(log.map((r) => [r.httpStatus, r.errorCode])).toEqual([
      [400, "malformed_json"],
      [422, "not_a_lead"],
      [200, null],
      [200, null],
    ]);
    expect(log[3]).toMatchObject({
      referralCode: lead.referralCode,
      ip: "198.51.100.20",
      userAgent: "Zapier",
      alreadyQualified: false,
      receivedAt: expect.any(String),
    });
    // X-Real-IP is the caller's word, and so is any X-Forwarded-For without the server's entry.
    expect(log[2]).toMatchObject({ ip: null, alreadyQualified: true });
    expect(log[0]).toMatchObject({ referralCode: null, alreadyQualified: null });
  });

  it("logs each answer the token check settles exactly once: unknown code, a referrer's code, a qualified lead", async () => {
    const { team, campaign, lead, referrer, token } = await createInboundProgram(database.db);
    await postCode(database.db, token, lead.referralCode);
    const headers = { "user-agent": `Make ${"x".repeat(INBOUND_LOG_USER_AGENT_MAX)}` };
    const post = (code: string) =>
      callInbound(database.db, token, inboundRequest(token, { json: { referral_code: code } }, { headers }));
    const answers = await Promise.all([
      post("NOSUCHCODE23"),
      post(referrer.referralCode),
      ...Array.from({ length: 10 }, () => post(lead.referralCode)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 422, ...Array.from({ length: 10 }, () => 200)]);

    const log = (await listInboundRequests(team, campaign.id)).filter((r) => r.userAgent?.startsWith("Make"));
    expect(log).toHaveLength(12);
    const byCode = (code: string) => log.filter((r) => r.referralCode === code);
    expect(byCode("NOSUCHCODE23")).toMatchObject([
      { httpStatus: 404, errorCode: "unknown_referral_code", alreadyQualified: null },
    ]);
    expect(byCode(referrer.referralCode)).toMatchObject([
      { httpStatus: 422, errorCode: "not_a_lead", alreadyQualified: null },
    ]);
    expect(byCode(lead.referralCode)).toHaveLength(10);
    expect(byCode(lead.referralCode).every((r) => r.httpStatus === 200 && r.alreadyQualified === true)).toBe(true);
    expect(log.every((r) => r.userAgent!.length === INBOUND_LOG_USER_AGENT_MAX)).toBe(true);
  });

  it("records the socket peer of a real HTTP server, not a forged X-Forwarded-For", async () => {
    const { team, campaign, lead, token } = await createInboundProgram(database.db);
    installSocketPeerForwarding();
    const server = http.createServer(async (incoming, outgoing) => {
      const headers = new Headers(
        Object.entries(incoming.headers).map(([name, value]) => [name, String(value)] as [string, string]),
      );
      const body = await new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks)));
      });
      const answer = await handleInboundQualify(
        database.db,
        token,
        new Request(`http://localhost${incoming.url}`, {
          method: incoming.method,
          headers,
          body: new Uint8Array(body),
        }),
      );
      outgoing.writeHead(answer.status).end(await answer.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/inbound/${token}/qualify`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67" },
        body: JSON.stringify({ code: lead.referralCode }),
      });
      expect(response.status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const [row] = await listInboundRequests(team, campaign.id);
    expect(row).toMatchObject({ httpStatus: 200, ip: "127.0.0.1" });

    // Behind one configured proxy, the entry that proxy appended is the caller.
    const config = env();
    const before = config.TRUSTED_PROXY_HOPS;
    try {
      Object.assign(config, { TRUSTED_PROXY_HOPS: 1 });
      await callInbound(
        database.db,
        token,
        inboundRequest(
          token,
          { json: { code: lead.referralCode } },
          { headers: { "x-forwarded-for": "203.0.113.66, 198.51.100.30, 10.0.0.2" } },
        ),
      );
    } finally {
      Object.assign(config, { TRUSTED_PROXY_HOPS: before });
    }
    expect((await listInboundRequests(team, campaign.id))[0]).toMatchObject({ ip: "198.51.100.30" });
  });

  it("keeps what callers send within limits, control characters dropped", async () => {
    const { team, campaign, token } = await createInboundProgram(database.db);
    const code = `\u0000<b>${"é".repeat(200)}😀`;
    await callInbound(
      database.db,
      token,
      inboundRequest(token, { json: { referral_code: code } }, { headers: { "user-agent": "a".repeat(5000) } }),
    );
    const [row] = await listInboundRequests(team, campaign.id);
    expect(row).toMatchObject({ httpStatus: 400, errorCode: "invalid_referral_code" });
    expect(row!.referralCode).toBe(`<b>${"é".repeat(61)}`);
    expect(row!.userAgent).toHaveLength(INBOUND_LOG_USER_AGENT_MAX);
  });

  it("does not log unknown tokens or other methods, and logs only the first refusal of a rate window", async () => {
    const { team, campaign, referrer, token } = await createInboundProgram(database.db);
    await postCode(database.db, newInboundToken(), referrer.referralCode);
    await callInbound(database.db, token, inboundRequest(token, { json: {} }, { method: "GET" }));
    const policy = { ...INBOUND_POLICY, rateLimit: 2, now: tickingClock() };
    for (let i = 0; i < 6; i++) await postCode(database.db, token, referrer.referralCode, policy);
    const log = await listInboundRequests(team, campaign.id);
    expect(log.map((r) => r.httpStatus)).toEqual([429, 422, 422]);
  });

  it("prunes to the most recent rows when a new window starts", async () => {
    const { team, campaign, referrer, token } = await createInboundProgram(database.db);
    const policy = { ...INBOUND_POLICY, logKeep: 3, now: tickingClock() };
    for (let i = 0; i < 6; i++) await postCode(database.db, token, `${referrer.referralCode}${i}`, policy);
    expect(await listInboundRequests(team, campaign.id, 50)).toHaveLength(6);
    await postCode(database.db, token, "nextwindow", { ...policy, now: tickingClock(1) });
    const kept = await listInboundRequests(team, campaign.id, 50);
    expect(kept.map((r) => r.referralCode)).toEqual([
      "nextwindow",
      `${referrer.referralCode}5`,
      `${referrer.referralCode}4`,
    ]);
  });

  it("belongs to the campaign's team only", async () => {
    const { campaign, lead, token } = await createInboundProgram(database.db);
    await postCode(database.db, token, lead.referralCode);
    const stranger = await createTeam(database.db);
    expect(await listInboundRequests(stranger, campaign.id)).toEqual([]);
    expect(await listInboundRequests(stranger, "not-a-uuid")).toEqual([]);
    expect(
      await database.db.select().from(inboundRequests).where(eq(inboundRequests.campaignId, campaign.id)),
    ).toHaveLength(1);
  });
});
