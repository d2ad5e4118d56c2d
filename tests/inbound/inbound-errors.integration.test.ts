import { describe, expect, it, vi } from "vitest";
import { INBOUND_MAX_BODY_BYTES } from "@/lib/inbound/inbound-policy";
import { newInboundToken } from "@/lib/inbound/inbound-token";
import { createLead, createReferrer, createTestCampaign } from "../helpers/fixtures";
import { callInbound, createInboundProgram, inboundRequest, postCode, programState } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

describe(`every bad request gets a JSON error and changes nothing (${databaseKind()})`, () => {
  it.each([
    ["a well-formed token no campaign has", () => newInboundToken()],
    ["a malformed token", () => "not-a-token"],
    ["a token with SQL in it", () => "rwin_' or 1=1 --"],
  ])("404 unknown_token for %s", async (_, makeToken) => {
    const { campaign, lead } = await createInboundProgram(database.db);
    const before = await programState(database.db, [campaign.id]);
    const token = makeToken();
    const answer = await callInbound(
      database.db,
      token,
      inboundRequest(token, { json: { referral_code: lead.referralCode } }),
    );
    expect(answer).toMatchObject({
      status: 404,
      body: { error: "unknown_token", message: expect.stringContaining("inbound URL") },
    });
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });

  const cases: [string, number, string, (code: string) => Parameters<typeof inboundRequest>[1]][] = [
    ["an unknown code", 404, "unknown_referral_code", () => ({ json: { referral_code: "doesnotexist" } })],
    ["no code field", 400, "invalid_referral_code", () => ({ json: { referralCode: "x" } })],
    ["an empty code", 400, "invalid_referral_code", () => ({ form: { code: "   " } })],
    ["a number", 400, "invalid_referral_code", () => ({ json: { referral_code: 123456789012 } })],
    [
      "a code with spaces inside",
      400,
      "invalid_referral_code",
      (c) => ({ json: { code: `${c.slice(0, 4)} ${c.slice(4)}` } }),
    ],
    ["a 65-character code", 400, "invalid_referral_code", () => ({ json: { code: "a".repeat(65) } })],
    ["a JSON array", 400, "invalid_referral_code", (c) => ({ json: [c] })],
    ["an empty body", 400, "invalid_referral_code", () => ({ raw: "", contentType: "application/json" })],
    [
      "malformed JSON",
      400,
      "malformed_json",
      (c) => ({ raw: `{"referral_code": "${c}"`, contentType: "application/json" }),
    ],
    ["text/plain", 415, "unsupported_media_type", (c) => ({ raw: c, contentType: "text/plain" })],
    ["no content type", 415, "unsupported_media_type", (c) => ({ raw: `code=${c}`, contentType: null })],
    [
      "multipart",
      415,
      "unsupported_media_type",
      (c) => ({
        raw: `--x\r\ncontent-disposition: form-data; name="code"\r\n\r\n${c}\r\n--x--`,
        contentType: "multipart/form-data; boundary=x",
      }),
    ],
    [
      "a 16 KB + 1 body",
      413,
      "payload_too_large",
      (c) => ({
        raw: JSON.stringify({ referral_code: c, pad: "x".repeat(INBOUND_MAX_BODY_BYTES) }),
        contentType: "application/json",
      }),
    ],
  ];
  it.each(cases)("%s: %i %s", async (_, status, error, body) => {
    const { campaign, lead, token } = await createInboundProgram(database.db);
    const before = await programState(database.db, [campaign.id]);
    const answer = await callInbound(database.db, token, inboundRequest(token, body(lead.referralCode)));
    expect(answer).toMatchObject({ status, body: { error, message: expect.any(String) } });
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });

  it("422 not_a_lead for a referrer's code", async () => {
    const { campaign, referrer, token } = await createInboundProgram(database.db);
    const before = await programState(database.db, [campaign.id]);
    expect(await postCode(database.db, token, referrer.referralCode)).toMatchObject({
      status: 422,
      body: { error: "not_a_lead" },
    });
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });

  it("413 from the declared length, and from a streamed body without reading much past the limit", async () => {
    const { lead, token } = await createInboundProgram(database.db);
    const declared = inboundRequest(
      token,
      { json: { referral_code: lead.referralCode } },
      { headers: { "content-length": String(INBOUND_MAX_BODY_BYTES + 1) } },
    );
    expect(await callInbound(database.db, token, declared)).toMatchObject({
      status: 413,
      body: { error: "payload_too_large" },
    });

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 4096;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    const streamed = inboundRequest(token, { raw: endless, contentType: "application/json" });
    expect(await callInbound(database.db, token, streamed)).toMatchObject({
      status: 413,
      body: { error: "payload_too_large" },
    });
    expect(pulled).toBeLessThan(INBOUND_MAX_BODY_BYTES + 64 * 1024);
  });

  it("400 unreadable_body when the body breaks off", async () => {
    const { lead, token } = await createInboundProgram(database.db);
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"referral_code": "${lead.referralCode}`));
        controller.error(new Error("connection reset"));
      },
    });
    expect(
      await callInbound(database.db, token, inboundRequest(token, { raw: broken, contentType: "application/json" })),
    ).toMatchObject({
      status: 400,
      body: { error: "unreadable_body" },
    });
  });

  it.each(["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])("405 with Allow: POST for %s", async (method) => {
    const { campaign, lead, token } = await createInboundProgram(database.db);
    const before = await programState(database.db, [campaign.id]);
    const answer = await callInbound(
      database.db,
      token,
      inboundRequest(token, { json: { referral_code: lead.referralCode } }, { method }),
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
    if (method !== "HEAD") expect(answer.body).toMatchObject({ error: "method_not_allowed" });
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });

  it("the route hands every method to the handler, on the Node runtime", async () => {
    const route = (await import("@/app/api/inbound/[token]/qualify/route")) as Record<string, unknown>;
    for (const method of ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"])
      expect(route[method], method).toBe(route.POST);
    expect(route.runtime).toBe("nodejs");
  });

  it("an unexpected failure is the only 500, as JSON internal_error (an outage is a 503: tests/outage)", async () => {
    const token = newInboundToken();
    const down = Promise.reject(new Error("something broke"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await callInbound(down, token, inboundRequest(token, { json: { referral_code: "abc" } }))).toMatchObject({
      status: 500,
      body: { error: "internal_error", message: expect.any(String) },
    });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("[inbound]"), expect.any(Error));
    logged.mockRestore();
  });

  it("a lead of another campaign in the same team is unknown here", async () => {
    const { team, token } = await createInboundProgram(database.db);
    const sibling = await createTestCampaign(team, { name: "Sibling campaign" });
    const elsewhere = await createLead(database.db, (await createReferrer(database.db, sibling.id)).referralCode);
    const before = await programState(database.db, [sibling.id]);
    expect(await postCode(database.db, token, elsewhere.referralCode)).toMatchObject({
      status: 404,
      body: { error: "unknown_referral_code" },
    });
    expect(await programState(database.db, [sibling.id])).toEqual(before);
  });
});
