import { INBOUND_MAX_BODY_BYTES } from "./inbound-policy";

/**
 * Every answer other than 200, with a stable `error` code callers can branch on and a message
 * that says what to fix. docs/inbound-webhook.md lists the same table.
 */
export const INBOUND_ERRORS = {
  method_not_allowed: { status: 405, message: "Use POST to qualify a lead." },
  unknown_token: {
    status: 404,
    message:
      "No campaign has this inbound URL. If it was rotated, copy the current URL from Leads → Qualify leads → Qualify via Webhook.",
  },
  rate_limited: {
    status: 429,
    message: "Too many requests for this campaign. Retry after the number of seconds in the Retry-After header.",
  },
  unsupported_media_type: {
    status: 415,
    message: "Send Content-Type: application/json or application/x-www-form-urlencoded.",
  },
  payload_too_large: {
    status: 413,
    message: `The body is larger than ${INBOUND_MAX_BODY_BYTES / 1024} KB. Send only the lead's referral code.`,
  },
  unreadable_body: { status: 400, message: "The request body could not be read completely." },
  malformed_json: { status: 400, message: 'The body is not valid JSON. Send {"referral_code": "..."}.' },
  invalid_referral_code: {
    status: 400,
    message:
      'Send the lead\'s referral code as "referral_code" (or "code"): a string of 1–64 letters, digits, "-" or "_".',
  },
  unknown_referral_code: { status: 404, message: "No lead in this campaign has that referral code." },
  not_a_lead: {
    status: 422,
    message: "That referral code belongs to a referrer, not a lead. Only leads can be qualified.",
  },
  internal_error: {
    status: 500,
    message: "Something went wrong on our side. Retry later; qualifying the same code twice is safe.",
  },
  service_unavailable: {
    status: 503,
    message:
      "Referwire is temporarily unavailable. Retry after the number of seconds in the Retry-After header; qualifying the same code twice is safe.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type InboundErrorCode = keyof typeof INBOUND_ERRORS;

/** An expected failure: the catalogue's code, optionally with a more specific message. */
export type InboundFailure = { ok: false; error: InboundErrorCode; message?: string };

export const inboundFailure = (error: InboundErrorCode, message?: string): InboundFailure => ({
  ok: false,
  error,
  message,
});
