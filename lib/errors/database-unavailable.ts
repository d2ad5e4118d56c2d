/**
 * Recognises "the database cannot be reached right now", from either driver, so the API, the
 * inbound webhook and the dashboard can answer "temporarily unavailable" instead of a bare 500.
 * A failing query (a constraint, a statement timeout, a bug) is not an outage and stays a 500.
 */

/** What the 503 answers tell a caller to wait before retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The digest a page's error boundary receives for an outage (Next keeps a thrown error's digest). */
export const DATABASE_UNAVAILABLE_DIGEST = "REFERWIRE_DATABASE_UNAVAILABLE";

/** The code the pool gate (`db/pool-gate.ts`) refuses a statement with: no connection free in time, or the server known to be down. */
export const POOL_REFUSED_CODE = "POOL_REFUSED";

// Socket errors from Node, postgres.js's own codes for a connection that failed or went away, and
// the pool gate's refusal (no connection free in time, or the server known to be unreachable).
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  POOL_REFUSED_CODE,
]);

// SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now (starting
// up or shutting down), too many connections.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (
    typeof code === "string" &&
    (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  )
    return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  // drizzle wraps the driver's error as the cause of its own.
  return isDatabaseUnavailable(cause, depth + 1);
}

/** An outage, marked so the dashboard's error boundary can say so even in production. */
export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(cause: unknown) {
    super("The database is unreachable", { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/** Runs a database step of a page; an outage is rethrown as a `DatabaseUnavailableError`. */
export async function orDatabaseUnavailable<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
  }
}
