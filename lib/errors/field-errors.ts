import type { z } from "zod";

/** The first message per field, as the server's `invalid()` reports them: forms show both alike. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}
