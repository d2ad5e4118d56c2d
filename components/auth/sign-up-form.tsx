"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { signUpSchema } from "@/lib/auth/schemas";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, {});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...state.fieldErrors, ...clientErrors };
  return (
    <form
      action={action}
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        const parsed = signUpSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
        const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
        setClientErrors(found);
        if (!parsed.success) event.preventDefault();
      }}
    >
      <div>
        <h1 className="text-xl font-semibold text-zinc-900">Create your account</h1>
        <p className="mt-1 text-sm text-zinc-500">Start a referral program in minutes. Your team is created for you.</p>
      </div>
      <FormError message={Object.keys(errors).length ? undefined : state.message} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={errors.name} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 8 characters." />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
