"use client";

import { lazy, useTransition } from "react";
import { useParams } from "next/navigation";
import { MoreHorizontal } from "lucide-react";
import { toastResult } from "@/components/ui/toast-result";
import { setLeadQualifiedAction } from "@/app/(dashboard)/_actions/participants";
import { MenuOnDemand } from "@/components/ui/menu-on-demand";
import type { ParticipantRow } from "@/lib/participants/list-participants";

const LeadActionsMenu = lazy(() => import("./lead-actions-menu").then((m) => ({ default: m.LeadActionsMenu })));

export function LeadActions({ lead }: { lead: ParticipantRow }) {
  const { campaignId } = useParams<{ campaignId: string }>();
  const [pending, startTransition] = useTransition();
  const qualified = lead.status === "qualified";
  const run = () =>
    startTransition(async () => {
      toastResult(await setLeadQualifiedAction({ campaignId, leadId: lead.id, qualified: !qualified }));
    });
  return (
    <MenuOnDemand
      trigger={
        <button
          type="button"
          aria-label={`Actions for ${lead.firstName}`}
          disabled={pending}
          className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <MoreHorizontal className="size-4" aria-hidden />
        </button>
      }
      menu={(trigger) => <LeadActionsMenu trigger={trigger} qualified={qualified} onToggle={run} />}
    />
  );
}
