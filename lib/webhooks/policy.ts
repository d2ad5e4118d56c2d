/** Named delivery policies, in one place: the docs (docs/webhooks.md) and the tests refer to these. */

/** Delay before each attempt, like Svix: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
export const ATTEMPT_TIMEOUT_MS = 15_000;
export const RESPONSE_EXCERPT_BYTES = 4_096;
/** Consecutive failed deliveries before the tab warns, and before the webhook is disabled. */
export const FAILURE_WARNING_THRESHOLD = 5;
export const FAILURE_DISABLE_THRESHOLD = 20;
/** How long the previous signing secret keeps signing after a rotation. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 3_600_000;

export const MAX_HEADERS = 3;
export const MAX_CREDENTIALS = 10;
