"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { deleteWebhookAction } from "@/app/(dashboard)/campaigns/[campaignId]/settings/integrations/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import type { WebhookView } from "@/lib/webhooks/list-webhooks";

export function DeleteWebhookDialog({ campaignId, webhook, open, onClose }: { campaignId: string; webhook: WebhookView; open: boolean; onClose: () => void }) {
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const result = await deleteWebhookAction(campaignId, webhook.id);
      if (result.ok) {
        toast.success("Webhook deleted");
        onClose();
      } else toast.error(result.message);
    });
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()}>
      <DialogContent title="Delete Webhook" description={`“${webhook.name}” will stop receiving events, and its delivery history is removed. This cannot be undone.`}>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? "Deleting…" : "Delete Webhook"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
