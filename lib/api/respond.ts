import type { z } from "zod";
import type { Failure } from "@/lib/errors/result";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

/** Every error code the API answers with, and its status. */
export const API_ERROR_STATUS = {
  malformed_json: 400,
  page_too_deep: 400,
  invalid_idempotency_key: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

const NO_STORE = { "Cache-Control": "no-store" };

/** The largest request body the API reads. */
export const API_MAX_BODY_BYTES = 64 * 1024;
export const bodyTooLarge = () =>
  apiError("payload_too_large", `The body is larger than ${API_MAX_BODY_BYTES / 1024} KB`);

/** Every API error has one shape: `{ error: { code, message, details? } }`. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  details?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, ...(details ? { details } : {}) } },
    { status: API_ERROR_STATUS[code], headers: { ...NO_STORE, ...headers } },
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
