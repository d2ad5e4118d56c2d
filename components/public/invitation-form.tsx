"use client";

import { useState } from "react";
import { acceptInvitationAction } from "@/app/(public)/_actions/join";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { joinSchema } from "@/lib/participants/schemas";
import { PersonForm } from "./person-form";
import { UndisclosedNotice } from "./undisclosed-notice";

export function InvitationForm({ code }: { code: string }) {
  // A new key starts the form afresh, with a state of its own.
  const [attempt, setAttempt] = useState(0);
  return <InvitationAttempt key={attempt} code={code} onRetry={() => setAttempt((n) => n + 1)} />;
}

function InvitationAttempt({ code, onRetry }: { code: string; onRetry: () => void }) {
  const form = useValidatedAction(joinSchema, acceptInvitationAction, null);
  const undisclosed = form.state?.ok ? form.state.value : undefined;

  if (undisclosed) {
    const site = new URL(undisclosed.continueTo).hostname;
    return (
      <UndisclosedNotice
        title="Signed up before? Continue in that browser"
        onRetry={onRetry}
        action={
          <a href={undisclosed.continueTo} className={cn(buttonClasses("primary", "lg"), "w-full")}>
            Continue to {site}
          </a>
        }
      >
        If this email has already signed up, its invitation carries on only in the browser it signed up with. Open the
        invitation there, or continue to {site} now.
      </UndisclosedNotice>
    );
  }

  return <PersonForm form={form} hidden={{ code }} submitLabel="Accept invitation" pendingLabel="Signing up…" />;
}
