"use client";

import { useState, useTransition } from "react";
import { revealSigningSecretAction } from "@/app/(dashboard)/_actions/webhooks";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { toastResult } from "@/components/ui/toast-result";
import { VerificationSnippets } from "./verification-snippets";

/** The secret is fetched only when the marketer asks to reveal it, and forgotten on close. */
type Props = {
  webhookId: string;
  open: boolean;
  onClose: () => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
};

export function SigningSecretDialog({ webhookId, open, onClose, returnFocusTo }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => {
      const result = await revealSigningSecretAction({ webhookId });
      if (result.ok) setSecret(result.value);
      else toastResult(result);
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          setSecret(null);
          onClose();
        }
      }}
    >
      <DialogContent
        title="Signing secret"
        description="Receivers verify the webhook-signature header with this Standard Webhooks secret. Keep it private."
        returnFocusTo={returnFocusTo}
        className="max-w-2xl"
      >
        <div className="space-y-5">
          {secret ? (
            <div className="flex gap-2">
              <code
                className="min-w-0 flex-1 truncate rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-zinc-200"
                data-testid="signing-secret"
              >
                {secret}
              </code>
              <CopyButton value={secret} />
            </div>
          ) : (
            <div className="flex items-center justify-between gap-4">
              <code className="font-mono text-sm text-zinc-500">whsec_••••••••••••••••</code>
              <Button variant="secondary" onClick={reveal} disabled={pending}>
                {pending ? "Revealing…" : "Reveal"}
              </Button>
            </div>
          )}
          <VerificationSnippets />
        </div>
      </DialogContent>
    </Dialog>
  );
}
