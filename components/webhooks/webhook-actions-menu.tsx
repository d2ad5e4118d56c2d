"use client";

import Link from "next/link";
import { KeyRound, Pencil, ScrollText, Trash2 } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MenuTrigger } from "@/components/ui/menu-on-demand";

export type WebhookDialog = "edit" | "secret" | "delete";

/** A webhook row's three-dots menu itself, loaded on first click by WebhookActions. */
export function WebhookActionsMenu({
  trigger,
  deliveryLogHref,
  onOpen,
  readOnly,
}: {
  trigger: MenuTrigger;
  deliveryLogHref: string;
  onOpen: (dialog: WebhookDialog) => void;
  readOnly: boolean;
}) {
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem asChild>
          <Link href={deliveryLogHref}>
            <ScrollText className="size-4" aria-hidden /> Delivery log
          </Link>
        </DropdownMenuItem>
        {readOnly ? null : (
          <>
            <DropdownMenuItem onSelect={() => onOpen("edit")}>
              <Pencil className="size-4" aria-hidden /> Edit Webhook
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onOpen("secret")}>
              <KeyRound className="size-4" aria-hidden /> Signing secret
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => onOpen("delete")}>
              <Trash2 className="size-4" aria-hidden /> Delete Webhook
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
