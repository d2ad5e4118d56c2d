import type { failureReasons } from "@/db/enums";
import { ATTEMPT_TIMEOUT_MS } from "./policy";

export type FailureReason = (typeof failureReasons)[number];

/** How the dashboard names each reason, in the order it lists them. */
export const FAILURE_REASON_LABELS: Record<FailureReason, { label: string; hint: string }> = {
  timeout: { label: "Timeouts", hint: `no complete answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` },
  connection: { label: "Connection errors", hint: "DNS, refused, reset, TLS" },
  client_error: { label: "4xx responses", hint: "the receiver refused the request" },
  server_error: { label: "5xx responses", hint: "the receiver failed" },
  other: { label: "Other", hint: "redirects, refused destinations, anything else" },
};

// The error texts are the ones sendWebhookRequest writes (its NETWORK_ERRORS and describeFailure);
// tests/webhooks/failure-reasons.integration.test.ts checks them against real failures.
const TIMEOUT = /^(timed out|connect timed out)/;
const CONNECTION = /^(connection |DNS lookup failed|host unreachable|network unreachable|TLS error)/;

/**
 * Why an attempt failed, for grouping failures: a timeout or a connection error first, even when a
 * status came before it (a 2xx whose body never finished is a timeout), then the status class.
 * Null for an attempt that was delivered.
 */
export function failureReason(attempt: { status: number | null; error: string | null }): FailureReason | null {
  const { status, error } = attempt;
  if (error === null && status !== null && status >= 200 && status < 300) return null;
  if (error !== null && TIMEOUT.test(error)) return "timeout";
  if (error !== null && CONNECTION.test(error)) return "connection";
  if (status !== null && status >= 400 && status < 500) return "client_error";
  if (status !== null && status >= 500 && status < 600) return "server_error";
  return "other";
}
