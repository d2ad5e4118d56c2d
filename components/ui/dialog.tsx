"use client";

import { useRef } from "react";
import { Dialog as Primitive } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "./cn";

export const Dialog = Primitive.Root;
export const DialogTrigger = Primitive.Trigger;
export const DialogClose = Primitive.Close;

/**
 * Radix traps focus, closes on Escape and labels the dialog by its title. On close it returns focus
 * only to a DialogTrigger; a dialog opened another way (a button that sets state, a menu item)
 * would leave it on <body>. So focus goes back to `returnFocusTo` when given (a menu item is gone
 * by then: pass the menu's button), otherwise to what had it when the dialog opened.
 */
export function DialogContent({
  title,
  description,
  children,
  className,
  returnFocusTo,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const opener = useRef<HTMLElement | null>(null);
  const rememberOpener = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };
  const returnFocus = (event: Event) => {
    const target = returnFocusTo?.current ?? opener.current;
    if (!target?.isConnected) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px]" />
      <Primitive.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none",
          className,
        )}
        {...(description ? {} : { "aria-describedby": undefined })}
        onOpenAutoFocus={rememberOpener}
        onCloseAutoFocus={returnFocus}
      >
        <div className="mb-5 pr-8">
          <Primitive.Title className="text-lg font-semibold text-zinc-900">{title}</Primitive.Title>
          {description ? (
            <Primitive.Description className="mt-1 text-sm text-zinc-500">{description}</Primitive.Description>
          ) : null}
        </div>
        {children}
        <Primitive.Close
          aria-label="Close"
          className="absolute top-4 right-4 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <X className="size-4" aria-hidden />
        </Primitive.Close>
      </Primitive.Content>
    </Primitive.Portal>
  );
}
