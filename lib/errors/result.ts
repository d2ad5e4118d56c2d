import type { z } from "zod";
import { fieldErrorsOf } from "./field-errors";

/** Expected failures are values: a code, a message for people, and per-field messages. */
export type Failure = {
  ok: false;
  code: "invalid" | "not_found" | "conflict" | "throttled" | "forbidden";
  message: string;
  fieldErrors?: Record<string, string>;
  /** For bulk input (CSV import): what is wrong on which line. */
  rowErrors?: { row: number; message: string }[];
};
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: Failure["code"], message: string, fieldErrors?: Record<string, string>): Failure => ({
  ok: false,
  code,
  message,
  fieldErrors,
});

export const notFound = (what: string): Failure => fail("not_found", `${what} not found`);

export function invalid(error: z.ZodError, message = "Please correct the highlighted fields"): Failure {
  return fail("invalid", message, fieldErrorsOf(error));
}

/** PostgreSQL's unique_violation, from either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = (error as { cause?: unknown })?.cause ?? error;
  const {
    code,
    constraint_name,
    constraint: c,
  } = (e ?? {}) as { code?: string; constraint_name?: string; constraint?: string };
  return code === "23505" && (!constraint || constraint_name === constraint || c === constraint);
}
