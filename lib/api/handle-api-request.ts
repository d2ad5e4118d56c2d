import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { TeamContext } from "@/db/scope";
import { authenticateApiKey } from "@/lib/api-keys/manage-api-key";
import { actingAs, requestOrigin } from "@/lib/audit/audit-actor";
import { clientAddress } from "@/lib/http/client-address";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { relayEventsWrittenBy } from "@/lib/outbox/relay-written-events";
import { runIdempotently } from "./idempotency";
import { countApiRequest } from "./rate-limit";
import { API_MAX_BODY_BYTES, apiError, bodyTooLarge, invalidInput } from "./respond";

export type ApiContext = TeamContext & { request: Request };
type Handler = (ctx: ApiContext) => Promise<Response>;

/**
 * The edge of every /api/v1 route: bearer key, rate limit, then the handler; events the handler
 * wrote are relayed after the response; an unexpected error is logged and answered 500 with no
 * detail, a database outage 503 with Retry-After. Handlers call one domain function each.
 */
export async function handleApiRequest(db: Db | Promise<Db>, request: Request, handler: Handler): Promise<Response> {
  try {
    const conn = await db;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const key = bearer ? await authenticateApiKey(conn, bearer) : null;
    if (!key)
      return apiError("unauthorized", "Send a valid API key as Authorization: Bearer <key>", undefined, {
        "WWW-Authenticate": "Bearer",
      });
    const rate = await countApiRequest(conn, key);
    if (rate.limited)
      return apiError(
        "rate_limited",
        "Too many requests for this API key; retry after the Retry-After seconds",
        undefined,
        { "Retry-After": String(rate.retryAfterSeconds) },
      );
    // An Idempotency-Key makes a write run once: its key and answer commit with it. The audit
    // log names the key as the actor of what the handler changes.
    const actor = {
      kind: "api_key" as const,
      id: key.id,
      label: `API key ${key.prefix}…`,
      ...requestOrigin(request.headers, clientAddress(request.headers)),
    };
    return await actingAs(actor, () =>
      relayEventsWrittenBy(
        () => conn,
        () =>
          runIdempotently(conn, { apiKeyId: key.id, teamId: key.teamId }, request, (db) =>
            handler({ db, teamId: key.teamId, request }),
          ),
      ),
    );
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.warn(
        `[api] ${request.method} ${new URL(request.url).pathname}: database unavailable`,
        error instanceof Error ? error.message : error,
      );
      return apiError(
        "service_unavailable",
        "The service is temporarily unavailable; retry after the Retry-After seconds",
        undefined,
        { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
      );
    }
    console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed unexpectedly`, error);
    return apiError("internal_error", "Something went wrong on our side; retry later");
  }
}

/** A JSON body parsed by a schema, or the error response to return. */
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<{ ok: true; value: z.output<T> } | { ok: false; response: Response }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json")
    return { ok: false, response: apiError("unsupported_media_type", "Send Content-Type: application/json") };
  const body = await readLimitedBody(request, API_MAX_BODY_BYTES);
  if (body === "too_large")
    return {
      ok: false,
      response: bodyTooLarge(),
    };
  if (body === "unreadable") return { ok: false, response: apiError("malformed_json", "The body could not be read") };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, response: apiError("malformed_json", "The body is not valid JSON") };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalidInput(parsed.error) };
}

/** Query parameters parsed by a schema, or the error response to return. */
export function readQuery<T extends z.ZodType>(
  request: Request,
  schema: T,
): { ok: true; value: z.output<T> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: invalidInput(parsed.error) };
}
