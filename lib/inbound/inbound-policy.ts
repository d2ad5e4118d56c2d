/** The inbound endpoint's limits, in one place: the docs and the tests refer to these. */

/** Requests per campaign per window, across all app instances (about what established referral platforms' APIs allow). */
export const INBOUND_RATE_LIMIT = 600;
export const INBOUND_RATE_WINDOW_MS = 60_000;

/** A referral code needs a few dozen bytes; anything near this is not a qualification request. */
export const INBOUND_MAX_BODY_BYTES = 16 * 1024;

/** Request log rows kept per campaign; older ones are pruned once per rate window. */
export const INBOUND_LOG_KEEP = 200;
export const INBOUND_LOG_CODE_MAX = 64;
export const INBOUND_LOG_USER_AGENT_MAX = 256;
export const INBOUND_LOG_IP_MAX = 64;

export type InboundPolicy = {
  rateLimit: number;
  rateWindowMs: number;
  logKeep: number;
  /** Injectable so tests can step into the next rate window. */
  now: () => Date;
};

export const INBOUND_POLICY: InboundPolicy = {
  rateLimit: INBOUND_RATE_LIMIT,
  rateWindowMs: INBOUND_RATE_WINDOW_MS,
  logKeep: INBOUND_LOG_KEEP,
  now: () => new Date(),
};
