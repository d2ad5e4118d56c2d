import { describe, expect, it, vi } from "vitest";
import { INBOUND_ERRORS } from "@/lib/inbound/inbound-errors";
import { INBOUND_MAX_BODY_BYTES, INBOUND_POLICY } from "@/lib/inbound/inbound-policy";
import { callInbound, createInboundProgram, inboundRequest, programState } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = 600;

/** mulberry32: small, fast and reproducible; a failing run is replayed with FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (length: number, alphabet: readonly string[]) => Array.from({ length }, () => pick(alphabet)).join("");
  return { int, pick, text, bytes: (n: number) => Uint8Array.from({ length: n }, () => int(256)) };
}

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE participants; --",
  "1; DELETE FROM rewards",
  "%' AND 1=1 --",
  "$$; select pg_sleep(5); $$",
  "\\x00",
  "' UNION SELECT token_hash FROM inbound_tokens --",
];
const HTML = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "</textarea><svg/onload=alert(1)>",
  "&lt;b&gt;",
  "{{7*7}}",
  "${7*7}",
];
const UNICODE = [
  "😀",
  "\u202egnp.exe",
  "ｃｏｄｅ",
  "\u200b",
  "e\u0301",
  "\ud800",
  "\uffff",
  "Ω≈ç√",
  "中文码",
  "\u0000",
  "\u001b[31m",
];
const CHARS = [
  ...SQL,
  ...HTML,
  ...UNICODE,
  "a",
  "Z",
  "9",
  "-",
  "_",
  " ",
  "\n",
  "\t",
  '"',
  "\\",
  "&",
  "=",
  "%00",
  "%ZZ",
  "+",
];
const WRONG_TYPES = [
  "text/plain",
  "text/html",
  "application/xml",
  "application/octet-stream",
  "multipart/form-data; boundary=x",
  "application/jsonx",
  "json",
  "",
  "*/*",
  "application/javascript",
];
const ODD_VALUES: unknown[] = [
  123,
  1.5e300,
  -0,
  true,
  false,
  null,
  [],
  {},
  [[["deep"]]],
  { code: "nested" },
  "",
  "   ",
  "a".repeat(65),
];

type Case = {
  label: string;
  token: string;
  body: Parameters<typeof inboundRequest>[1];
  method?: string;
  headers?: Record<string, string>;
};

type Codes = { lead: string; referrer: string; elsewhere: string };

/** Odd caller headers on a third of the requests: they end up in the request log. */
function malformedRequest(r: ReturnType<typeof prng>, token: string, codes: Codes): Case {
  const made = malformedBody(r, token, codes);
  if (r.int(3) > 0) return made;
  return {
    ...made,
    headers: {
      "user-agent": r.text(r.int(3000), ["a", "ÿ", " ", "<", "'"]),
      "x-forwarded-for": r.text(r.int(200), ["1", ".", ",", " ", "f", ":", "'"]),
    },
  };
}

/** One malformed request; never a pending lead's code in a shape that is valid. */
function malformedBody(r: ReturnType<typeof prng>, token: string, codes: Codes): Case {
  const field = r.pick(["referral_code", "code"]);
  const json = (value: unknown) => ({ json: { [field]: value } });
  switch (r.int(14)) {
    case 0:
      return {
        label: "random bytes",
        token,
        body: {
          raw: r.bytes(r.int(3000)),
          contentType: r.pick(["application/json", "application/x-www-form-urlencoded", ...WRONG_TYPES]),
        },
      };
    case 1:
      return {
        label: "wrong JSON type",
        token,
        body: json(r.pick([...ODD_VALUES, [codes.lead], { referral_code: codes.lead }])),
      };
    case 2:
      return {
        label: "huge string",
        token,
        body: json(r.text(65 + r.int(INBOUND_MAX_BODY_BYTES - 100), ["a", "b", "é", "😀"])),
      };
    case 3:
      return {
        label: "over 16 KB",
        token,
        body: {
          raw: JSON.stringify({ [field]: codes.lead, pad: "x".repeat(INBOUND_MAX_BODY_BYTES + r.int(50_000)) }),
          contentType: "application/json",
        },
      };
    case 4:
      return {
        label: "unicode",
        token,
        body: r.int(2)
          ? json(r.text(1 + r.int(20), UNICODE))
          : { form: { [field]: `${r.pick(UNICODE)}${codes.lead.slice(1)}` } },
      };
    case 5:
      return {
        label: "SQL or HTML",
        token,
        body: r.int(2) ? json(r.pick([...SQL, ...HTML])) : { form: { [field]: r.pick([...SQL, ...HTML]) } },
      };
    case 6:
      return {
        label: "wrong content type",
        token,
        body: {
          raw: r.pick([JSON.stringify({ referral_code: codes.lead }), `code=${codes.lead}`]),
          contentType: r.pick(WRONG_TYPES),
        },
      };
    case 7: {
      const full = r.int(2) ? JSON.stringify({ [field]: codes.lead }) : `${field}=${codes.lead}`;
      const contentType = full.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
      return { label: "truncated body", token, body: { raw: full.slice(0, r.int(full.length)), contentType } };
    }
    case 8:
      return {
        label: "body that breaks off",
        token,
        body: {
          raw: brokenStream(JSON.stringify({ [field]: codes.lead }).slice(0, 10 + r.int(10))),
          contentType: "application/json",
        },
      };
    case 9:
      return {
        label: "random text as code",
        token,
        body: r.int(2)
          ? json(r.text(1 + r.int(40), CHARS))
          : { raw: `${field}=${r.text(1 + r.int(40), CHARS)}`, contentType: "application/x-www-form-urlencoded" },
      };
    case 10:
      return {
        label: "not a lead, or another campaign's lead",
        token,
        body: json(r.pick([codes.referrer, codes.elsewhere, codes.referrer.toUpperCase()])),
      };
    case 11:
      return {
        label: "wrong shape",
        token,
        body: r.pick([
          { json: [codes.lead] },
          { json: codes.lead },
          { json: { referralCode: codes.lead } },
          { raw: "[".repeat(8000), contentType: "application/json" },
          { raw: `code=${codes.lead}`, contentType: "application/json" },
          { raw: JSON.stringify({ code: codes.lead }), contentType: "application/x-www-form-urlencoded" },
        ]),
      };
    case 12:
      return {
        label: "wrong method",
        token,
        method: r.pick(["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]),
        body: json(codes.lead),
      };
    default:
      return {
        label: "wrong token",
        token: r.pick([
          r.text(1 + r.int(60), CHARS),
          `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
          token.toUpperCase(),
          `${token}x`,
          "rwin_",
          "",
        ]),
        body: json(codes.lead),
      };
  }
}

function brokenStream(prefix: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(prefix));
      controller.error(new Error("connection reset"));
    },
  });
}

describe(`generated bad input (${databaseKind()}, seed ${SEED})`, () => {
  it(`${RUNS} malformed requests: only 4xx with a catalogued error, nothing changed, nothing logged as unexpected`, async () => {
    const target = await createInboundProgram(database.db, { autoIssueRewards: true, leadReward: "10% off" });
    const bystander = await createInboundProgram(database.db);
    const campaigns = [target.campaign.id, bystander.campaign.id];
    const before = await programState(database.db, campaigns);
    const errors = vi.spyOn(console, "error");
    const r = prng(SEED);
    const codes = {
      lead: target.lead.referralCode,
      referrer: target.referrer.referralCode,
      elsewhere: bystander.lead.referralCode,
    };
    const policy = { ...INBOUND_POLICY, rateLimit: 1_000_000 };
    const seen = new Map<string, number>();
    for (let batch = 0; batch < RUNS / 20; batch++) {
      const cases = Array.from({ length: 20 }, () => malformedRequest(r, target.token, codes));
      const answers = await Promise.all(
        cases.map((c) => callInbound(database.db, c.token, inboundRequest(c.token, c.body, c), policy)),
      );
      answers.forEach((answer, i) => {
        const what = `${cases[i]!.label} (batch ${batch}, case ${i})`;
        expect(answer.status, what).toBeGreaterThanOrEqual(400);
        expect(answer.status, what).toBeLessThan(500);
        if (cases[i]!.method !== "HEAD") {
          expect(Object.keys(INBOUND_ERRORS), what).toContain(answer.body.error);
          expect(answer.body.message, what).toEqual(expect.any(String));
        }
        const key = `${answer.status} ${String(answer.body.error ?? "")}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      });
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await programState(database.db, campaigns)).toEqual(before);
    // The generator really does reach every kind of refusal.
    expect([...seen.keys()].sort()).toEqual(
      expect.arrayContaining([
        "400 invalid_referral_code",
        "400 malformed_json",
        "400 unreadable_body",
        "404 unknown_referral_code",
        "404 unknown_token",
        "405 method_not_allowed",
        "413 payload_too_large",
        "415 unsupported_media_type",
        "422 not_a_lead",
      ]),
    );
  });
});
