"use client";

import { useState } from "react";
import Link from "next/link";
import { KeyRound, MoreHorizontal, Pencil, ScrollText, Trash2 } from "lucide-react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { WebhookView } from "@/lib/webhooks/list-webhooks";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { SigningSecretDialog } from "./signing-secret-dialog";
import { WebhookForm } from "./webhook-form";

type Open = "edit" | "delete" | "secret" | null;

/** The row's three-dots menu; each item opens its own dialog. */
export function WebhookActions({ campaignId, webhook, allowPrivateNetworks }: { campaignId: string; webhook: WebhookView; allowPrivateNetworks: boolean }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger aria-label={`Actions for ${webhook.name}`} className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <MoreHorizontal className="size-4" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem asChild>
            <Link href={`/campaigns/${campaignId}/settings/integrations/webhooks/${webhook.id}`}>
              <ScrollText className="size-4" aria-hidden /> Delivery log
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("edit")}>
            <Pencil className="size-4" aria-hidden /> Edit Webhook
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("secret")}>
            <KeyRound className="size-4" aria-hidden /> Signing secret
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => setOpen("delete")}>
            <Trash2 className="size-4" aria-hidden /> Delete Webhook
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={open === "edit"} onOpenChange={(o) => !o && close()}>
        <DialogContent title="Edit Webhook" className="max-w-5xl">
          <WebhookForm campaignId={campaignId} webhook={webhook} allowPrivateNetworks={allowPrivateNetworks} onDone={close} />
        </DialogContent>
      </Dialog>
      <SigningSecretDialog webhookId={webhook.id} open={open === "secret"} onClose={close} />
      <DeleteWebhookDialog campaignId={campaignId} webhook={webhook} open={open === "delete"} onClose={close} />
    </>
  );
}
