"use client";

import { lazy, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { BadgeCheck, ChevronDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { MenuOnDemand } from "@/components/ui/menu-on-demand";

const QualifyLeadsDropdown = lazy(() =>
  import("./qualify-leads-dropdown").then((m) => ({ default: m.QualifyLeadsDropdown })),
);
// The steps (URL, payloads, request log) load when the dialog first opens, not with the Leads table.
const QualifyViaWebhookSteps = dynamic(() =>
  import("./qualify-via-webhook-steps").then((m) => m.QualifyViaWebhookSteps),
);

/** The Leads tab's "Qualify leads" button; its one item opens the Qualify via Webhook dialog. */
export function QualifyLeadsMenu({ campaignId }: { campaignId: string }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <MenuOnDemand
        trigger={
          <Button ref={opener} variant="secondary">
            <BadgeCheck className="size-4" aria-hidden /> Qualify leads{" "}
            <ChevronDown className="size-3.5 text-zinc-500" aria-hidden />
          </Button>
        }
        menu={(trigger) => <QualifyLeadsDropdown trigger={trigger} onQualifyViaWebhook={() => setOpen(true)} />}
      />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          title="Qualify via Webhook"
          description="Let your CRM, billing system, Zapier or Make qualify leads by sending their referral code to this campaign's secret URL."
          className="max-w-2xl"
          returnFocusTo={opener}
        >
          {open ? <QualifyViaWebhookSteps campaignId={campaignId} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
