"use client";

import { toast } from "sonner";
import { deleteWebhookAction } from "@/app/(dashboard)/_actions/webhooks";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { WebhookView } from "@/lib/webhooks/webhook-views";

type Props = {
  campaignId: string;
  webhook: WebhookView;
  open: boolean;
  onClose: () => void;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
};

export function DeleteWebhookDialog({ campaignId, webhook, open, onClose, returnFocusTo }: Props) {
  async function remove() {
    const result = await deleteWebhookAction({ campaignId, webhookId: webhook.id });
    if (!result.ok) return void toast.error(result.message);
    toast.success("Webhook deleted");
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title="Delete Webhook"
      description={`“${webhook.name}” will stop receiving events, and its delivery history is removed. This cannot be undone.`}
      confirmLabel="Delete Webhook"
      pendingLabel="Deleting…"
      onConfirm={remove}
      returnFocusTo={returnFocusTo}
    />
  );
}
