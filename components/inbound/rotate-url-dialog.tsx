"use client";

import { useState } from "react";
import { RefreshCw } from "lucide-react";
import { toast } from "sonner";
import { rotateInboundUrlAction } from "@/app/(dashboard)/_actions/inbound-webhook";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogTrigger } from "@/components/ui/dialog";
import type { InboundEndpoint } from "@/lib/inbound/manage-inbound-endpoint";

/** Rotation is destructive for whoever still sends to the old URL, so it asks first and says so. */
export function RotateUrlDialog({
  campaignId,
  onRotated,
}: {
  campaignId: string;
  onRotated: (endpoint: InboundEndpoint) => void;
}) {
  const [open, setOpen] = useState(false);
  async function rotate() {
    const result = await rotateInboundUrlAction({ campaignId });
    if (!result.ok) return void toast.error(result.message);
    onRotated(result.value);
    setOpen(false);
    toast.success("New inbound URL issued. The old URL no longer works.");
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title="Rotate the inbound URL?"
      description="The current URL stops working at once. Anything still sending to it (Zapier, Make, your CRM) gets 404 unknown_token until you give it the new URL. This cannot be undone."
      confirmLabel="Rotate URL"
      pendingLabel="Rotating…"
      onConfirm={rotate}
      trigger={
        <DialogTrigger asChild>
          <Button variant="secondary" size="sm">
            <RefreshCw className="size-3.5" aria-hidden /> Rotate URL
          </Button>
        </DialogTrigger>
      }
    />
  );
}
