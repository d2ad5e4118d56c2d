"use client";

import { useActionState, useState } from "react";
import { acceptInvitationAction } from "@/app/(public)/actions";
import type { FormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { fieldErrorsOf } from "@/lib/errors/field-errors";
import { joinSchema } from "@/lib/users/schemas";

export function InvitationForm({ code }: { code: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInvitationAction.bind(null, code), {});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...state.fieldErrors, ...clientErrors };
  return (
    <form
      action={action}
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        const parsed = joinSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
        setClientErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
        if (!parsed.success) event.preventDefault();
      }}
    >
      <FormError message={Object.keys(errors).length ? undefined : state.message} />
      <Field label="First name" name="firstName" autoComplete="given-name" required defaultValue={state.values?.firstName} error={errors.firstName} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Signing up…" : "Accept invitation"}
      </Button>
    </form>
  );
}
