"use client";

import { useTransition } from "react";
import { resendDeliveryAction } from "@/app/(dashboard)/_actions/webhook-deliveries";
import { Button } from "@/components/ui/button";
import { toastResult } from "@/components/ui/toast-result";

/** Sends a finished delivery again; the log's only per-row control that needs the browser. */
export function ResendButton({
  campaignId,
  webhookId,
  deliveryId,
}: Record<"campaignId" | "webhookId" | "deliveryId", string>) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          toastResult(await resendDeliveryAction({ campaignId, webhookId, deliveryId }));
        })
      }
    >
      Resend
    </Button>
  );
}
