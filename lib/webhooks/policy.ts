/** Named delivery policies, in one place: the docs (docs/webhooks.md) and the tests refer to these. */

/** Delay before each attempt, like Svix: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;
export const ATTEMPT_TIMEOUT_MS = 15_000;
/**
 * Past the attempt's own timeout, how long an attempt may still take to finish (the address
 * lookup, which the timeout does not cover, and recording under a busy database) before a
 * delivery left "delivering" counts as abandoned by its run.
 */
export const STUCK_DELIVERY_MARGIN_MS = 5 * 60_000;
/** A delivery "delivering" for longer than this lost its run: the sweep marks it failed, to be replayed. */
export const STUCK_DELIVERY_AFTER_MS = ATTEMPT_TIMEOUT_MS + STUCK_DELIVERY_MARGIN_MS;
/** The sweep recovers at most this many stuck deliveries per run; the next run takes the rest. */
export const STUCK_RECOVERY_BATCH = 500;
/** How long a delivery can keep retrying on the schedule (~27.5 h; Retry-After can stretch it). */
export const RETRY_HORIZON_MS = RETRY_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
/** Delivery records are kept at least this long, so retention never meets a schedule still running. */
export const MIN_RETENTION_DAYS = Math.ceil(RETRY_HORIZON_MS / 86_400_000);
/** Retention deletes this many rows per statement, so it never holds long locks or a huge transaction. */
export const PRUNE_BATCH = 1_000;
export const RESPONSE_EXCERPT_BYTES = 4_096;
/** Consecutive failed deliveries before the tab warns, and before the webhook is disabled. */
export const FAILURE_WARNING_THRESHOLD = 5;
export const FAILURE_DISABLE_THRESHOLD = 20;
/** How long the previous signing secret keeps signing after a rotation. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 3_600_000;

export const MAX_HEADERS = 3;
export const MAX_CREDENTIALS = 10;
