import type { z } from "zod";
import type { Failure } from "@/lib/errors/result";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

export type ApiErrorCode =
  | "malformed_json"
  | "page_too_deep"
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "idempotency_key_reused"
  | "invalid_idempotency_key"
  | "payload_too_large"
  | "unsupported_media_type"
  | "validation_failed"
  | "rate_limited"
  | "internal_error"
  | "service_unavailable";

const STATUS: Record<ApiErrorCode, number> = {
  malformed_json: 400,
  page_too_deep: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 409,
  invalid_idempotency_key: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

const NO_STORE = { "Cache-Control": "no-store" };

/** Every API error has one shape: `{ error: { code, message, details? } }`. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  details?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, ...(details ? { details } : {}) } },
    { status: STATUS[code], headers: { ...NO_STORE, ...headers } },
  );
}

export const apiJson = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE });

export const invalidInput = (error: z.ZodError) =>
  apiError("validation_failed", "The request has invalid fields", fieldErrorsOf(error));

/** A domain function's expected failure, as the API answers it. */
export function failureResponse(failure: Failure): Response {
  const code: ApiErrorCode =
    failure.code === "not_found"
      ? "not_found"
      : failure.code === "conflict"
        ? "conflict"
        : failure.code === "throttled"
          ? "rate_limited"
          : "validation_failed";
  return apiError(code, failure.message, failure.fieldErrors ? toSnakeKeys(failure.fieldErrors) : undefined);
}

/** Domain field names are camelCase; the API speaks snake_case. */
const toSnakeKeys = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
