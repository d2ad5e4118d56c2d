import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiIdempotencyKeys } from "@/db/schema";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { API_MAX_BODY_BYTES, apiError, bodyTooLarge } from "./respond";

/** How long a key's answer is kept: a retry within it gets the first answer again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Set on an answer that is the stored answer to an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";

const WRITES = new Set(["POST", "DELETE"]);
const k = apiIdempotencyKeys;

/**
 * Runs an API write at most once per `Idempotency-Key` (per API key, for 24 hours). The write, the
 * key and its answer commit in one transaction (the handler runs on it), so:
 * - a retry with the same key and request gets the first answer again, marked `Idempotent-Replayed`;
 * - the same key with a different request is refused (409), nothing run;
 * - concurrent requests with one key run once: the second waits on the first's row, then replays;
 * - a write that failed unexpectedly (a 5xx, a crash) leaves no key, so its retry runs.
 * Requests without the header, and reads, run as they are.
 */
export async function runIdempotently(
  db: Db,
  caller: { apiKeyId: string; teamId: string },
  request: Request,
  run: (db: Db) => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null || !WRITES.has(request.method)) return run(db);
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return apiError(
      "invalid_idempotency_key",
      `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID is a good choice)`,
    );
  }
  const url = new URL(request.url);
  // The same limit the handlers read with: an oversized body is refused before it is hashed.
  const body = await readLimitedBody(request.clone(), API_MAX_BODY_BYTES);
  if (body === "too_large") return bodyTooLarge();
  if (body === "unreadable") return apiError("malformed_json", "The body could not be read");
  const requestHash = createHash("sha256")
    .update(`${request.method} ${url.pathname}${url.search}\n`)
    .update(body)
    .digest("hex");
  const mine = and(eq(k.apiKeyId, caller.apiKeyId), eq(k.key, key));

  try {
    return await db.transaction((tx) => claimAndRun(tx, mine, { ...caller, key, requestHash }, run));
  } catch (error) {
    if (error instanceof NotKept) return error.response;
    throw error;
  }
}

/** A 5xx answer: the transaction rolls back (no key, no write) and the answer goes out as it is. */
class NotKept extends Error {
  constructor(readonly response: Response) {
    super("not kept");
  }
}

async function claimAndRun(
  tx: Db,
  mine: SQL | undefined,
  row: { apiKeyId: string; teamId: string; key: string; requestHash: string },
  run: (db: Db) => Promise<Response>,
): Promise<Response> {
  await tx.delete(k).where(and(mine, lt(k.createdAt, new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS))));
  // Waits while another request holds this key, then finds its committed row.
  const claimed = await tx
    .insert(k)
    .values({ ...row, responseStatus: 0, responseBody: "" })
    .onConflictDoNothing()
    .returning({ key: k.key });
  if (claimed.length === 0) {
    const [first] = await tx.select().from(k).where(mine);
    if (!first || first.requestHash !== row.requestHash) {
      return apiError(
        "idempotency_key_reused",
        "This Idempotency-Key was used for a different request in the last 24 hours; use a new key for a new request",
      );
    }
    return replay(first.responseStatus, first.responseBody);
  }
  const response = await run(tx);
  if (response.status >= 500) throw new NotKept(response);
  const body = await response.text();
  await tx.update(k).set({ responseStatus: response.status, responseBody: body }).where(mine);
  return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
}

function replay(status: number, body: string): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store", [IDEMPOTENT_REPLAYED_HEADER]: "true" };
  if (body) headers["Content-Type"] = "application/json";
  return new Response(status === 204 ? null : body, { status, headers });
}

/** Deletes keys past their 24 hours, in bounded batches (the daily retention run). */
export async function pruneIdempotencyKeys(db: Db, now = new Date(), batch = 5_000): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  let deleted = 0;
  for (;;) {
    const expired = db.select({ apiKeyId: k.apiKeyId, key: k.key }).from(k).where(lt(k.createdAt, cutoff)).limit(batch);
    const rows = await db
      .delete(k)
      .where(and(lt(k.createdAt, cutoff), sql`(${k.apiKeyId}, ${k.key}) in (${expired})`))
      .returning({ key: k.key });
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}
