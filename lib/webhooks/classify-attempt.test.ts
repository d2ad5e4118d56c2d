import { describe, expect, it } from "vitest";
import { classifyAttempt, nextDelayMs, parseRetryAfter, type AttemptOutcome } from "./classify-attempt";
import { RETRY_SCHEDULE_MS } from "./policy";
import type { AttemptResult } from "./send-webhook-request";

const now = new Date("2026-01-01T12:00:00Z");
const attempt = (fields: Partial<AttemptResult>): AttemptResult => ({
  status: null,
  responseBody: null,
  responseHeaders: {},
  error: null,
  durationMs: 10,
  ...fields,
});

const table: [string, Partial<AttemptResult>, AttemptOutcome][] = [
  ["200", { status: 200 }, { kind: "delivered" }],
  ["201", { status: 201 }, { kind: "delivered" }],
  ["204", { status: 204 }, { kind: "delivered" }],
  ["299", { status: 299 }, { kind: "delivered" }],
  ["200 whose body timed out", { status: 200, error: "timed out after 15 s" }, { kind: "retry", retryAfterMs: null }],
  ["410", { status: 410 }, { kind: "gone" }],
  [
    "301",
    { status: 301, error: "redirect not followed (301 to https://x.test/)" },
    { kind: "retry", retryAfterMs: null },
  ],
  [
    "302",
    { status: 302, error: "redirect not followed (302 to https://x.test/)" },
    { kind: "retry", retryAfterMs: null },
  ],
  ["400", { status: 400 }, { kind: "retry", retryAfterMs: null }],
  ["401", { status: 401 }, { kind: "retry", retryAfterMs: null }],
  ["404", { status: 404 }, { kind: "retry", retryAfterMs: null }],
  ["429 without Retry-After", { status: 429 }, { kind: "retry", retryAfterMs: null }],
  [
    "429 with Retry-After",
    { status: 429, responseHeaders: { "retry-after": "120" } },
    { kind: "retry", retryAfterMs: 120_000 },
  ],
  ["500", { status: 500 }, { kind: "retry", retryAfterMs: null }],
  ["502", { status: 502 }, { kind: "retry", retryAfterMs: null }],
  [
    "503 with Retry-After",
    { status: 503, responseHeaders: { "retry-after": "30" } },
    { kind: "retry", retryAfterMs: 30_000 },
  ],
  [
    "500 ignores Retry-After",
    { status: 500, responseHeaders: { "retry-after": "30" } },
    { kind: "retry", retryAfterMs: null },
  ],
  [
    "301 ignores Retry-After",
    { status: 301, responseHeaders: { "retry-after": "30" } },
    { kind: "retry", retryAfterMs: null },
  ],
  ["timeout", { error: "timed out after 15 s" }, { kind: "retry", retryAfterMs: null }],
  ["connection refused", { error: "connection refused" }, { kind: "retry", retryAfterMs: null }],
  ["DNS failure", { error: "DNS lookup failed" }, { kind: "retry", retryAfterMs: null }],
  [
    "destination refused",
    { error: "destination refused: 10.0.0.1 is a private, loopback or reserved address" },
    { kind: "retry", retryAfterMs: null },
  ],
];

describe("classifyAttempt", () => {
  it.each(table)("%s", (_name, fields, outcome) => {
    expect(classifyAttempt(attempt(fields), now)).toEqual(outcome);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["0", 0],
    ["5", 5_000],
    [" 120 ", 120_000],
    ["86400", 86_400_000],
    ["86401", 86_400_000], // clamped to a day
    ["99999999999999999999", 86_400_000],
    ["Thu, 01 Jan 2026 12:01:30 GMT", 90_000], // IMF-fixdate
    ["Thursday, 01-Jan-26 12:00:10 GMT", 10_000], // RFC 850
    ["Thu Jan  1 12:00:05 2026", 5_000], // asctime, GMT by definition
    ["Thu, 01 Jan 2026 11:00:00 GMT", 0], // in the past
    ["Sat, 03 Jan 2026 12:00:00 GMT", 86_400_000], // two days away, clamped
  ])("%j -> %d ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([undefined, "", "  ", "soon", "-5", "1.5", "5s", "soon 2030", "Thu, 99 Foo 2026 12:00:00 GMT"])(
    "%j -> null",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeNull();
    },
  );
});

describe("nextDelayMs", () => {
  it("follows the schedule and stops after the last attempt", () => {
    const delays = RETRY_SCHEDULE_MS.map((_, index) => nextDelayMs(index + 1, null));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(nextDelayMs(8, 60_000)).toBeNull();
    expect(nextDelayMs(9, null)).toBeNull();
  });

  it("waits for the longer of the schedule and Retry-After", () => {
    expect(nextDelayMs(1, 60_000)).toBe(60_000);
    expect(nextDelayMs(1, 1_000)).toBe(5_000);
    expect(nextDelayMs(3, 0)).toBe(1_800_000);
  });

  it("rejects attempt numbers that are not 1-based integers", () => {
    expect(() => nextDelayMs(0, null)).toThrow(RangeError);
    expect(() => nextDelayMs(1.5, null)).toThrow(RangeError);
  });
});
