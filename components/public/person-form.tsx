"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import type { useValidatedAction } from "@/components/ui/use-validated-action";

type Props = {
  form: ReturnType<typeof useValidatedAction>;
  /** What the form is for (the campaign, the referral code), sent along as hidden fields. */
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
};

/** The public pages' first-name-and-email form (join page, referral link). */
export function PersonForm({ form, hidden, submitLabel, pendingLabel }: Props) {
  const { formAction, pending, errors, onSubmit, message, values } = form;
  return (
    <form action={formAction} noValidate className="space-y-4" onSubmit={onSubmit}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={message} />
      <Field
        label="First name"
        name="firstName"
        autoComplete="given-name"
        required
        defaultValue={values?.firstName}
        error={errors.firstName}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email}
        error={errors.email}
      />
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
