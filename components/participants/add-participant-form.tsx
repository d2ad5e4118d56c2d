"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import { addParticipantAction } from "@/app/(dashboard)/_actions/participants";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { addParticipantSchema } from "@/lib/participants/schemas";

export function AddParticipantForm({
  campaignId,
  type,
  onDone,
}: {
  campaignId: string;
  type: "referrer" | "lead";
  onDone: () => void;
}) {
  const { state, formAction, pending, errors, onSubmit, message, values } = useValidatedAction(
    addParticipantSchema,
    addParticipantAction,
    null,
  );
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onDone();
    }
  }, [state, onDone]);
  return (
    <form action={formAction} noValidate className="space-y-4" onSubmit={onSubmit}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="type" value={type} />
      <FormError message={message} />
      <Field label="First name" name="firstName" required defaultValue={values?.firstName} error={errors.firstName} />
      <Field label="Email" name="email" type="email" required defaultValue={values?.email} error={errors.email} />
      {type === "lead" ? (
        <Field
          label="Referrer's code or email"
          name="referrer"
          required
          defaultValue={values?.referrer}
          error={errors.referrer}
          hint="The referrer this lead is credited to."
        />
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : `Add ${type}`}
        </Button>
      </div>
    </form>
  );
}
