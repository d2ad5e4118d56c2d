"use client";

import { useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionFailure, ActionState } from "@/lib/actions/action-result";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

/**
 * A form backed by a server action and the same zod schema the server uses: the schema checks
 * the fields before submitting (instant errors, no round trip), the server checks them again.
 * `toInput` maps the form's entries onto the schema's input where they differ.
 */
export function useValidatedAction<S extends ActionState<unknown>>(
  schema: z.ZodType,
  action: (state: S, form: FormData) => Promise<S>,
  initial: S,
  toInput: (entries: Record<string, FormDataEntryValue>) => unknown = (entries) => entries,
) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initial as Awaited<S>);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const failure: ActionFailure | undefined = state?.ok === false ? state : undefined;
  const errors: Record<string, string> = { ...failure?.fieldErrors, ...clientErrors };
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const parsed = schema.safeParse(toInput(Object.fromEntries(new FormData(event.currentTarget))));
    setClientErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
    if (!parsed.success) event.preventDefault();
  }
  /** The form-level message, when no field explains the problem (a success's message is the caller's to show). */
  const message = Object.keys(errors).length ? undefined : failure?.message;
  /** What was typed before a failed submission, to fill the fields again. */
  const values = failure?.values;
  return { state, formAction, pending, errors, onSubmit, message, values };
}
