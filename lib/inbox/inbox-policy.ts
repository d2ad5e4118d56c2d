/** How much of a team's request inbox is kept: the newest requests, each body cut at a size. */
export const INBOX_KEEP = 50;
export const INBOX_BODY_MAX_BYTES = 64 * 1024;
/** Per inbox: enough for a burst of test events, too few to fill the database. */
export const INBOX_RATE_LIMIT = { limit: 120, windowMs: 60_000 };

export const INBOX_TOKEN_PREFIX = "rwbox_";
const TOKEN_PATTERN = /^rwbox_[A-Za-z0-9_-]{22}$/;

/** Rejects garbage paths before they cost a database round trip. */
export const isWellFormedInboxToken = (token: string) => TOKEN_PATTERN.test(token);
