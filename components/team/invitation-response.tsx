"use client";

import { useActionState } from "react";
import Link from "next/link";
import { acceptInvitationAction, signUpWithInvitationAction } from "@/app/(auth)/_actions/invitation";
import { signOutAction } from "@/app/(auth)/_actions/account";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { invitedSignUpSchema } from "@/lib/teams/schemas";

export function AcceptInvitation({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormError message={state?.ok === false ? state.message : undefined} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}

export function SignOutToSwitch() {
  return (
    <Button variant="secondary" className="w-full" onClick={() => void signOutAction({})}>
      Sign out
    </Button>
  );
}

/** A new account for the invited email; signing up joins the team and signs in. */
export function InvitedSignUp({ token, email }: { token: string; email: string }) {
  const { formAction, pending, errors, onSubmit, message, values } = useValidatedAction(
    invitedSignUpSchema,
    signUpWithInvitationAction,
    null,
  );
  return (
    <form action={formAction} noValidate onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={message} />
      <Field label="Email" name="email-shown" value={email} readOnly disabled />
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={values?.name}
        error={errors.name}
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
        {pending ? "Creating account…" : "Create account and join"}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Have an account with this email?{" "}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
          className="font-medium text-indigo-600 hover:text-indigo-500"
        >
          Sign in to accept
        </Link>
      </p>
    </form>
  );
}
