"use client";

import Link from "next/link";
import { signUpAction } from "@/app/(auth)/_actions/account";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { signUpSchema } from "@/lib/auth/schemas";
import { useValidatedAction } from "@/components/ui/use-validated-action";

export function SignUpForm() {
  const { formAction, pending, errors, onSubmit, message, values } = useValidatedAction(
    signUpSchema,
    signUpAction,
    null,
  );
  return (
    <form action={formAction} noValidate className="space-y-5" onSubmit={onSubmit}>
      <div>
        <h1 className="text-xl font-semibold text-zinc-900">Create your account</h1>
        <p className="mt-1 text-sm text-zinc-500">Start a referral program in minutes. Your team is created for you.</p>
      </div>
      <FormError message={message} />
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={values?.name}
        error={errors.name}
      />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email}
        error={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 8 characters."
      />
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
