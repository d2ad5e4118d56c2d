"use client";

import { useTransition } from "react";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent } from "./dialog";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** Say what is lost: a destructive confirmation names its consequences. */
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  onConfirm: () => Promise<void>;
  trigger?: React.ReactNode;
  /** Where focus goes back on close, when the dialog has no trigger of its own. */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
};

/** One confirmation pattern for every destructive action: Cancel, or a red button that runs it. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pendingLabel,
  onConfirm,
  trigger,
  returnFocusTo,
}: Props) {
  const [pending, startTransition] = useTransition();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger}
      <DialogContent title={title} description={description} returnFocusTo={returnFocusTo}>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={() => startTransition(onConfirm)}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
