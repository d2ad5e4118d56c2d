import { describe, expect, it } from "vitest";
import { failureReason, type FailureReason } from "./failure-reason";

const table: [string, { status: number | null; error: string | null }, FailureReason | null][] = [
  ["200", { status: 200, error: null }, null],
  ["204", { status: 204, error: null }, null],
  ["timeout before any answer", { status: null, error: "timed out after 15 s" }, "timeout"],
  ["2xx whose body never finished", { status: 200, error: "timed out after 15 s" }, "timeout"],
  ["4xx whose body never finished", { status: 404, error: "timed out after 300 ms" }, "timeout"],
  ["connect timeout", { status: null, error: "connect timed out" }, "timeout"],
  ["refused", { status: null, error: "connection refused" }, "connection"],
  ["reset", { status: null, error: "connection reset" }, "connection"],
  ["closed by the receiver", { status: null, error: "connection closed by the receiver" }, "connection"],
  ["DNS", { status: null, error: "DNS lookup failed" }, "connection"],
  ["host unreachable", { status: null, error: "host unreachable" }, "connection"],
  ["network unreachable", { status: null, error: "network unreachable" }, "connection"],
  ["TLS", { status: null, error: "TLS error: certificate has expired" }, "connection"],
  ["400", { status: 400, error: null }, "client_error"],
  ["410 Gone", { status: 410, error: null }, "client_error"],
  ["429", { status: 429, error: null }, "client_error"],
  ["500", { status: 500, error: null }, "server_error"],
  ["503", { status: 503, error: null }, "server_error"],
  ["redirect", { status: 301, error: "redirect not followed (301 to https://x.test/)" }, "other"],
  ["1xx or odd status", { status: 600, error: null }, "other"],
  ["refused destination", { status: null, error: "destination refused: private address" }, "other"],
  ["anything else", { status: null, error: "request failed: socket hang up" }, "other"],
  ["invalid URL", { status: null, error: "invalid URL" }, "other"],
];

describe("failureReason", () => {
  it.each(table)("%s", (_, attempt, expected) => {
    expect(failureReason(attempt)).toBe(expected);
  });
});
