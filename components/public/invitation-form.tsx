"use client";

import { acceptInvitationAction } from "@/app/(public)/actions";
import type { FormState } from "@/components/auth/form-state";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { joinSchema } from "@/lib/users/schemas";

export function InvitationForm({ code }: { code: string }) {
  const { state, formAction, pending, errors, onSubmit, message } = useValidatedAction<FormState>(joinSchema, acceptInvitationAction.bind(null, code), {});
  return (
    <form action={formAction} noValidate className="space-y-4" onSubmit={onSubmit}>
      <FormError message={message} />
      <Field label="First name" name="firstName" autoComplete="given-name" required defaultValue={state.values?.firstName} error={errors.firstName} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Signing up…" : "Accept invitation"}
      </Button>
    </form>
  );
}
