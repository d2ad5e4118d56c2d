import type { Db } from "@/db/client";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/errors/database-unavailable";
import { clientAddress } from "@/lib/http/client-address";
import { relayEventsWrittenBy } from "@/lib/outbox/relay-written-events";
import { admitInboundRequest, type Admission } from "./admit-inbound-request";
import { INBOUND_ERRORS, inboundFailure, type InboundFailure } from "./inbound-errors";
import { INBOUND_POLICY, type InboundPolicy } from "./inbound-policy";
import { qualifyLeadInCampaign, type InboundQualification, type LoggedOutcome } from "./qualify-lead-in-campaign";
import { readReferralCode } from "./read-referral-code";
import { pruneInboundRequests, recordInboundRequest, type InboundLogEntry } from "./record-inbound-request";
import { knownRefusal, rememberRefusal } from "./remember-refusals";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * `POST /api/inbound/<token>/qualify`, as a plain function of a Request so tests can call it
 * without a server. Ordered for cost: junk tokens and known floods never reach the database;
 * the token, the rate limit and the lead are settled in one round trip; a new qualification,
 * its events, rewards and request log are written in a second, and relayed after the response
 * (an already-qualified code writes no event and never wakes the relay).
 */
export async function handleInboundQualify(
  db: Db | Promise<Db>,
  token: string,
  request: Request,
  policy: InboundPolicy = INBOUND_POLICY,
): Promise<Response> {
  try {
    const conn = await db;
    return await relayEventsWrittenBy(
      () => conn,
      () => answerInbound(conn, token, request, policy),
    );
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.warn(
        `[inbound] ${request.method} qualify: database unavailable`,
        error instanceof Error ? error.message : error,
      );
      return failureResponse(inboundFailure("service_unavailable"), {
        "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
      });
    }
    console.error(`[inbound] ${request.method} qualify failed unexpectedly`, error);
    return failureResponse(inboundFailure("internal_error"));
  }
}

async function answerInbound(conn: Db, token: string, request: Request, policy: InboundPolicy): Promise<Response> {
  if (request.method !== "POST") return failureResponse(inboundFailure("method_not_allowed"));
  const refusedFor = knownRefusal(token, policy.now().getTime());
  if (refusedFor !== null) return rateLimited(refusedFor);

  // The body is read first (cheap, size-limited) so the token check can read the lead too.
  const read = await readReferralCode(request);
  const caller = { receivedAt: policy.now(), referralCode: read.received ?? null, ...callerOf(request) };
  const admission = await admitInboundRequest(conn, token, read.ok ? read.code : null, caller, policy);
  // No campaign, so nothing to log against: an unknown token leaves no trace.
  if (!admission) return failureResponse(inboundFailure("unknown_token"));
  const entry = (outcome: LoggedOutcome): InboundLogEntry => ({
    ...caller,
    httpStatus: outcome.ok ? 200 : INBOUND_ERRORS[outcome.error].status,
    errorCode: outcome.ok ? null : outcome.error,
    alreadyQualified: outcome.ok ? outcome.alreadyQualified : null,
  });

  if (admission.limited) {
    rememberRefusal(token, admission.windowEndsAt, policy.now().getTime());
    // Only the first refusal in a window is logged, so a flood cannot turn the log into the load.
    if (admission.hits === policy.rateLimit + 1)
      await logQuietly(conn, admission, entry(inboundFailure("rate_limited")));
    return rateLimited(admission.retryAfterSeconds);
  }

  let outcome: InboundQualification;
  if (read.ok) {
    const { campaign, found, logged } = admission;
    outcome = await qualifyLeadInCampaign(conn, { campaign, found, alreadyLogged: logged }, entry);
  } else {
    outcome = read;
    await logQuietly(conn, admission, entry(read));
  }
  if (admission.hits === 1) await pruneQuietly(conn, admission, policy.logKeep);
  return outcome.ok ? successResponse(outcome) : failureResponse(outcome);
}

function successResponse({ lead, alreadyQualified }: Extract<InboundQualification, { ok: true }>): Response {
  return Response.json(
    {
      lead: {
        id: lead.id,
        referral_code: lead.referralCode,
        status: lead.status,
        qualified_at: lead.qualifiedAt?.toISOString() ?? null,
      },
      already_qualified: alreadyQualified,
    },
    { status: 200, headers: NO_STORE },
  );
}

function failureResponse(failure: InboundFailure, headers: Record<string, string> = {}): Response {
  const { status, message } = INBOUND_ERRORS[failure.error];
  const allow: Record<string, string> = failure.error === "method_not_allowed" ? { Allow: "POST" } : {};
  return Response.json(
    { error: failure.error, message: failure.message ?? message },
    { status, headers: { ...NO_STORE, ...allow, ...headers } },
  );
}

const rateLimited = (retryAfterSeconds: number) =>
  failureResponse(inboundFailure("rate_limited"), { "Retry-After": String(retryAfterSeconds) });

/** Who called: the address our own server or a configured proxy saw (never one the caller wrote). */
function callerOf(request: Request): Pick<InboundLogEntry, "ip" | "userAgent"> {
  return { ip: clientAddress(request.headers), userAgent: request.headers.get("user-agent") };
}

// Outside a qualification the log is a convenience: failing to write it must not fail the answer.
async function logQuietly(db: Db, admission: Admission, entry: InboundLogEntry): Promise<void> {
  await recordInboundRequest(db, admission.campaign, entry).catch((error) =>
    console.error(`[inbound] could not log a request for campaign ${admission.campaign.id}`, error),
  );
}

async function pruneQuietly(db: Db, admission: Admission, keep: number): Promise<void> {
  await pruneInboundRequests(db, admission.campaign, keep).catch((error) =>
    console.error(`[inbound] could not prune the log of campaign ${admission.campaign.id}`, error),
  );
}
