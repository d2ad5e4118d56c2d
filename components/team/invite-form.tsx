"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import { inviteMemberAction } from "@/app/(dashboard)/_actions/team";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormError, inputClasses } from "@/components/ui/field";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { ROLE_LABELS, type TeamRole } from "@/lib/teams/permissions";
import { inviteSchema } from "@/lib/teams/schemas";

/** Invite by email with a role; the link is shown once to copy (and mailed when SMTP is set). */
export function InviteForm({ roles }: { roles: TeamRole[] }) {
  const { state, formAction, pending, errors, onSubmit, message, values } = useValidatedAction(
    inviteSchema,
    inviteMemberAction,
    null,
  );
  useEffect(() => {
    if (state?.ok && state.message) toast.success(state.message);
  }, [state]);
  const created = state?.ok ? state.value : null;
  return (
    <div className="space-y-4">
      <form action={formAction} noValidate onSubmit={onSubmit} className="flex flex-wrap items-start gap-3">
        <div className="min-w-64 flex-1">
          <FormError message={message} />
          <Field
            label="Email"
            name="email"
            type="email"
            required
            defaultValue={values?.email}
            error={errors.email}
            placeholder="colleague@company.com"
          />
        </div>
        <Field label="Role" error={errors.role} className="w-40">
          {(control) => (
            <select {...control} name="role" defaultValue={values?.role ?? "member"} className={inputClasses}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={pending} className="mt-6.5">
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {created ? (
        <div className="rounded-md bg-indigo-50 px-4 py-3 text-sm ring-1 ring-indigo-200" data-testid="invitation-link">
          <p className="font-medium text-indigo-900">
            {created.emailed ? "We emailed the invitation. " : ""}Copy the link and send it to them: it is shown only
            now, works once and expires in 7 days.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 font-mono text-xs text-zinc-800 ring-1 ring-indigo-200">
              {created.link}
            </code>
            <CopyButton value={created.link} label="Copy link" nameValue={false} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
