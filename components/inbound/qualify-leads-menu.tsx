"use client";

import { useState } from "react";
import { BadgeCheck, ChevronDown, Webhook } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { QualifyViaWebhookSteps } from "./qualify-via-webhook-steps";

/** The Leads tab's "Qualify leads" button; its one item opens the Qualify via Webhook dialog. */
export function QualifyLeadsMenu({ campaignId }: { campaignId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* Not modal: a modal menu closing while the dialog opens can leave the page unclickable. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary">
            <BadgeCheck className="size-4" aria-hidden /> Qualify leads <ChevronDown className="size-3.5 text-zinc-500" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem onSelect={() => setOpen(true)}>
            <Webhook className="size-4 text-zinc-500" aria-hidden /> Qualify via Webhook
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          title="Qualify via Webhook"
          description="Let your CRM, billing system, Zapier or Make qualify leads by sending their referral code to this campaign's secret URL."
          className="max-w-2xl"
        >
          {open ? <QualifyViaWebhookSteps campaignId={campaignId} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
