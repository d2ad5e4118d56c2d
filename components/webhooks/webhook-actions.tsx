"use client";

import { lazy, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { MoreHorizontal } from "lucide-react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { MenuOnDemand } from "@/components/ui/menu-on-demand";
import type { WebhookView } from "@/lib/webhooks/webhook-views";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import type { WebhookDialog } from "./webhook-actions-menu";
import type { WebhookTargets } from "./webhook-form";

const WebhookActionsMenu = lazy(() =>
  import("./webhook-actions-menu").then((m) => ({ default: m.WebhookActionsMenu })),
);
// The form, its zod schema and the payload preview load when the dialog first opens, not with the page.
const WebhookForm = dynamic(() => import("./webhook-form").then((m) => m.WebhookForm));
// With its verification code in six languages, loaded when a marketer first opens it.
const SigningSecretDialog = dynamic(() => import("./signing-secret-dialog").then((m) => m.SigningSecretDialog));

/** The row's three-dots menu; each item opens its own dialog. */
export function WebhookActions({
  campaignId,
  webhook,
  targets,
}: {
  campaignId: string;
  webhook: WebhookView;
  targets: WebhookTargets;
}) {
  const [open, setOpen] = useState<WebhookDialog | null>(null);
  const close = () => setOpen(null);
  // The menu item that opened a dialog is gone when it closes: focus goes back to the menu button.
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <MenuOnDemand
        trigger={
          <button
            ref={opener}
            type="button"
            aria-label={`Actions for ${webhook.name}`}
            className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <MoreHorizontal className="size-4" aria-hidden />
          </button>
        }
        menu={(trigger) => (
          <WebhookActionsMenu
            trigger={trigger}
            deliveryLogHref={`/campaigns/${campaignId}/settings/integrations/webhooks/${webhook.id}`}
            onOpen={setOpen}
            readOnly={targets.readOnly}
          />
        )}
      />
      <Dialog open={open === "edit"} onOpenChange={(o) => !o && close()}>
        <DialogContent title="Edit Webhook" className="max-w-5xl" returnFocusTo={opener}>
          <WebhookForm campaignId={campaignId} webhook={webhook} targets={targets} onDone={close} />
        </DialogContent>
      </Dialog>
      <SigningSecretDialog webhookId={webhook.id} open={open === "secret"} onClose={close} returnFocusTo={opener} />
      <DeleteWebhookDialog
        campaignId={campaignId}
        webhook={webhook}
        open={open === "delete"}
        onClose={close}
        returnFocusTo={opener}
      />
    </>
  );
}
