"use client";

import { useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { FormState } from "@/components/ui/form-state";
import type { ActionState } from "@/lib/actions/action-result";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

/**
 * A form backed by a server action and the same zod schema the server uses: the schema checks
 * the fields before submitting (instant errors, no round trip), the server checks them again.
 * `toInput` maps the form's entries onto the schema's input where they differ.
 */
export function useValidatedAction<S extends FormState | ActionState<unknown>>(
  schema: z.ZodType,
  action: (state: S, form: FormData) => Promise<S>,
  initial: S,
  toInput: (entries: Record<string, FormDataEntryValue>) => unknown = (entries) => entries,
) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initial as Awaited<S>);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const answer: FormState & { ok?: boolean } = state ?? {};
  const errors: Record<string, string> = { ...answer.fieldErrors, ...clientErrors };
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const parsed = schema.safeParse(toInput(Object.fromEntries(new FormData(event.currentTarget))));
    setClientErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
    if (!parsed.success) event.preventDefault();
  }
  /** The form-level message, when no field explains the problem (a success's message is the caller's to show). */
  const message = Object.keys(errors).length || answer.ok ? undefined : answer.message;
  /** What was typed before a failed submission, to fill the fields again. */
  const values = answer.ok ? undefined : answer.values;
  return { state, formAction, pending, errors, onSubmit, message, values };
}
