import { RETRY_SCHEDULE_MS } from "./policy";
import type { AttemptResult } from "./send-webhook-request";

export type AttemptOutcome = { kind: "delivered" } | { kind: "gone" } | { kind: "retry"; retryAfterMs: number | null };

const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** Only these statuses mean "come back later" in the sense Retry-After is defined for. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * What to do after an attempt. 410 Gone means the receiver wants no more deliveries. A 2xx whose
 * body then timed out still counts as a failure: retries are safe (receivers dedupe on
 * webhook-id) and we cannot tell whether the receiver finished processing.
 */
export function classifyAttempt(result: AttemptResult, now: Date = new Date()): AttemptOutcome {
  const { status } = result;
  if (status !== null && status >= 200 && status < 300 && result.error === null) return { kind: "delivered" };
  if (status === 410) return { kind: "gone" };
  const retryAfterMs =
    status !== null && RETRY_AFTER_STATUSES.has(status)
      ? parseRetryAfter(result.responseHeaders["retry-after"], now)
      : null;
  return { kind: "retry", retryAfterMs };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), clamped to [0, 24 h]. */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    // Date.parse is lenient ("-5" or "soon 2030" parse): insist on the weekday and time that all
    // three HTTP-date forms (IMF-fixdate, RFC 850, asctime) carry.
    if (!/^[a-z]{3,9},? /i.test(trimmed) || !/\d{2}:\d{2}:\d{2}/.test(trimmed)) return null;
    // asctime carries no zone but is GMT by definition; Date.parse would read it as local time.
    const at = Date.parse(/GMT$/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The wait before the next attempt after attempt `attemptNumber` (1-based) failed: the schedule's
 * delay, stretched to the receiver's Retry-After. Null once the schedule is used up.
 */
export function nextDelayMs(attemptNumber: number, retryAfterMs: number | null): number | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1)
    throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
  const scheduled = RETRY_SCHEDULE_MS[attemptNumber];
  if (scheduled === undefined) return null;
  return Math.max(scheduled, retryAfterMs ?? 0);
}
