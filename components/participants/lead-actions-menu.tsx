"use client";

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MenuTrigger } from "@/components/ui/menu-on-demand";

/** A lead row's menu itself, loaded on first click by LeadActions. */
export function LeadActionsMenu({
  trigger,
  qualified,
  onToggle,
}: {
  trigger: MenuTrigger;
  qualified: boolean;
  onToggle: () => void;
}) {
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={onToggle}>{qualified ? "Unqualify (back to Pending)" : "Qualify"}</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
