"use client";

import { acceptInvitationAction } from "@/app/(public)/actions";
import type { FormState } from "@/components/ui/form-state";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { joinSchema } from "@/lib/users/schemas";
import { PersonForm } from "./person-form";

export function InvitationForm({ code }: { code: string }) {
  const form = useValidatedAction<FormState>(joinSchema, acceptInvitationAction.bind(null, code), {});
  return <PersonForm form={form} submitLabel="Accept invitation" pendingLabel="Signing up…" />;
}
