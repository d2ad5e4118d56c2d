"use client";

import { cloneElement, Suspense, useState, type ReactElement, type ReactNode } from "react";

export type MenuTrigger = ReactElement<React.ComponentProps<"button">>;

/**
 * A dropdown menu whose Radix code loads on first use instead of with the page (menu, popper and
 * floating-ui: ~18 kB gzipped; ~30 kB with the focus and dismiss layers that dialogs also use).
 * Until then `trigger` is a plain button. The first click renders `menu(trigger)`, a `lazy()`
 * component that wraps the same trigger in a Radix menu with `defaultOpen`: it opens as soon as
 * its code has arrived, and Radix owns it from then on.
 */
export function MenuOnDemand({ trigger, menu }: { trigger: MenuTrigger; menu: (trigger: MenuTrigger) => ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const plain = cloneElement(trigger, {
    "aria-haspopup": "menu",
    "aria-expanded": false,
    onClick: () => setWanted(true),
  });
  return wanted ? <Suspense fallback={plain}>{menu(trigger)}</Suspense> : plain;
}
