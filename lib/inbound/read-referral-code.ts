import { readLimitedBody } from "@/lib/http/read-limited-body";
import { normalizeReferralCode } from "@/lib/participants/referral-code";
import { inboundFailure, type InboundFailure } from "./inbound-errors";
import { INBOUND_MAX_BODY_BYTES } from "./inbound-policy";

/** Lenient enough for any code we or an import might issue, strict enough to keep junk out of SQL. */
const REFERRAL_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const FIELDS = ["referral_code", "code"] as const;
const utf8 = new TextDecoder();

/** `received` is what the caller sent as the code, when it was a string: for the request log. */
export type ReadCode = { ok: true; code: string; received: string } | (InboundFailure & { received?: string });

/** The lead's referral code from a JSON or form body, read with a size limit. */
export async function readReferralCode(request: Request, maxBytes = INBOUND_MAX_BODY_BYTES): Promise<ReadCode> {
  const type = mediaTypeOf(request);
  const isJson = type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
  if (!isJson && type !== "application/x-www-form-urlencoded") return inboundFailure("unsupported_media_type");
  const body = await readLimitedBody(request, maxBytes);
  if (body === "too_large") return inboundFailure("payload_too_large");
  if (body === "unreadable") return inboundFailure("unreadable_body");
  const text = utf8.decode(body);
  if (!text.trim())
    return inboundFailure(
      "invalid_referral_code",
      'The body is empty. Send the lead\'s referral code as "referral_code".',
    );
  if (!isJson) {
    const form = new URLSearchParams(text);
    return validate(FIELDS.map((f) => form.get(f)).find((v) => v !== null) ?? undefined);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return inboundFailure("malformed_json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return inboundFailure("invalid_referral_code", 'The JSON body must be an object like {"referral_code": "..."}.');
  }
  const field = FIELDS.find((f) => Object.hasOwn(parsed, f));
  return validate(field ? (parsed as Record<string, unknown>)[field] : undefined);
}

function validate(value: unknown): ReadCode {
  if (value === undefined)
    return inboundFailure("invalid_referral_code", 'The body has no "referral_code" (or "code") field.');
  if (typeof value !== "string") return inboundFailure("invalid_referral_code", "The referral code must be a string.");
  const trimmed = value.trim();
  if (!trimmed) return { ...inboundFailure("invalid_referral_code", "The referral code is empty."), received: value };
  if (!REFERRAL_CODE_PATTERN.test(trimmed)) return { ...inboundFailure("invalid_referral_code"), received: value };
  return { ok: true, code: normalizeReferralCode(trimmed), received: value };
}

function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}
