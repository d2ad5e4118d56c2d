"use client";

import { lazy } from "react";
import { ChevronDown } from "lucide-react";
import { MenuOnDemand } from "@/components/ui/menu-on-demand";

// Every dashboard page shows this trigger; the menu behind it is opened rarely.
const AccountMenu = lazy(() => import("./account-menu").then((m) => ({ default: m.AccountMenu })));

export function AccountButton({ name, email }: { name: string; email: string }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <MenuOnDemand
      trigger={
        <button
          type="button"
          className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {/* Named by what it shows (WCAG 2.5.3), then what it is; the initials repeat the name. */}
          <span
            aria-hidden
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
          >
            {initials}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-zinc-900">{name}</span>
            <span className="block truncate text-xs text-zinc-600">{email}</span>
          </span>
          <span className="sr-only">Account menu</span>
          <ChevronDown className="size-4 text-zinc-400" aria-hidden />
        </button>
      }
      menu={(trigger) => <AccountMenu trigger={trigger} email={email} />}
    />
  );
}
