"use client";

import { Webhook } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MenuTrigger } from "@/components/ui/menu-on-demand";

/** The "Qualify leads" menu itself, loaded on first click by QualifyLeadsMenu. */
export function QualifyLeadsDropdown({
  trigger,
  onQualifyViaWebhook,
}: {
  trigger: MenuTrigger;
  onQualifyViaWebhook: () => void;
}) {
  return (
    // Not modal: a modal menu closing while the dialog opens can leave the page unclickable.
    <DropdownMenu modal={false} defaultOpen>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={onQualifyViaWebhook}>
          <Webhook className="size-4 text-zinc-500" aria-hidden /> Qualify via Webhook
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
