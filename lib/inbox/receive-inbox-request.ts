import "server-only";
import { and, desc, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxRequests, teams } from "@/db/schema";
import { apiError, apiJson } from "@/lib/api/respond";
import { requestInboxEnabled } from "@/lib/config/env";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { countHit } from "@/lib/rate-limit/count-hit";
import { requestTarget } from "@/lib/webhooks/payload";
import { MASK } from "@/lib/webhooks/sealed-entries";
import { checkInboxSignature, findSender, type Sender } from "./check-signature";
import { INBOX_BODY_MAX_BYTES, INBOX_KEEP, INBOX_RATE_LIMIT, isWellFormedInboxToken } from "./inbox-policy";

/** Headers whose values are secrets whoever sends them; a browser opening the URL sends its cookies. */
const ALWAYS_MASKED = ["authorization", "cookie", "proxy-authorization"];

/**
 * A request to a team's inbox URL, whatever its method: kept with its signature check, so the
 * inbox page can show it. Answers 200 like any receiver that accepted it.
 */
export async function receiveInboxRequest(db: Db, token: string, request: Request): Promise<Response> {
  if (!requestInboxEnabled())
    return apiError("not_found", "The request inbox is off on this server (REQUEST_INBOX=true turns it on).");
  if (!isWellFormedInboxToken(token)) return apiError("not_found", "No inbox has this URL.");
  try {
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.inboxToken, token));
    if (!team) return apiError("not_found", "No inbox has this URL.");
    const hit = await countHit(db, `inbox:${team.id}`, INBOX_RATE_LIMIT);
    if (hit.limited)
      return apiError("rate_limited", `This inbox takes ${INBOX_RATE_LIMIT.limit} requests a minute.`, undefined, {
        "Retry-After": String(hit.retryAfterSeconds),
      });
    const read = await readLimitedBody(request, INBOX_BODY_MAX_BYTES);
    if (read === "too_large")
      return apiError("payload_too_large", `The inbox keeps bodies up to ${INBOX_BODY_MAX_BYTES / 1024} KB.`);
    if (read === "unreadable") return apiError("malformed_json", "The request body could not be read.");
    const arrived = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: new TextDecoder().decode(read),
    };
    const ctx = { db, teamId: team.id };
    const sender = await findSender(ctx, request.headers);
    const signature = checkInboxSignature(arrived, sender);
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inboxRequests)
        .values({
          teamId: team.id,
          method: request.method,
          target: maskedTarget(request.url),
          headers: maskedHeaders(request.headers, sender),
          body: maskedBody(arrived.body),
          signature,
        })
        .returning({ id: inboxRequests.id });
      await forgetOlderThanKept(tx, team.id);
      return row!.id;
    });
    return apiJson({ received: true, id });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return apiError("service_unavailable", "The database is unreachable for the moment.", undefined, {
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }
}

/** Keeps the newest INBOX_KEEP of a team's requests. */
async function forgetOlderThanKept(db: Db, teamId: string) {
  const kept = db
    .select({ id: inboxRequests.id })
    .from(inboxRequests)
    .where(eq(inboxRequests.teamId, teamId))
    .orderBy(desc(inboxRequests.receivedAt), desc(inboxRequests.id))
    .limit(INBOX_KEEP);
  await db.delete(inboxRequests).where(and(eq(inboxRequests.teamId, teamId), notInArray(inboxRequests.id, kept)));
}

function maskedHeaders(headers: Headers, sender: Sender | undefined): [string, string][] {
  const secret = new Set([...ALWAYS_MASKED, ...(sender?.headers ?? []).map((entry) => entry.key.toLowerCase())]);
  return [...headers].map(([name, value]) => [name, secret.has(name) ? MASK : value]);
}

/** A webhook's credentials travel in `data.credentials`: their values are masked, as in the delivery log. */
function maskedBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { data?: { credentials?: Record<string, unknown> } };
    const credentials = parsed?.data?.credentials;
    if (!credentials || typeof credentials !== "object") return body;
    for (const key of Object.keys(credentials)) credentials[key] = MASK;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

/** GET webhooks send credentials as `data.credentials.<name>` query parameters. */
function maskedTarget(url: string): string {
  const parsed = new URL(url);
  const names = [...parsed.searchParams.keys()].filter((name) => name.startsWith("data.credentials."));
  // Re-serialised only when something is masked, so the query shows exactly as it arrived.
  for (const name of names) parsed.searchParams.set(name, MASK);
  return requestTarget(parsed);
}
