"use client";

import { useEffect, useId, useRef } from "react";
import { useSearchParams } from "next/navigation";
import { Search } from "lucide-react";
import { MAX_QUERY_LENGTH } from "@/lib/tables/list-params";
import { useListNavigation } from "./data-table";

const DEBOUNCE_MS = 300;

export type TableSearchProps = {
  placeholder: string;
  /** Query-string key to write. */
  param?: string;
  /** Visually hidden label; the placeholder alone is not an accessible name. */
  label?: string;
};

/**
 * Search box that writes `?<param>=` after the user pauses typing and returns to page 1.
 * Uncontrolled on purpose: the URL lags behind keystrokes while the server renders, and
 * syncing the input back from it would overwrite what the user typed in the meantime.
 */
export function TableSearch({ placeholder, param = "q", label = "Search" }: TableSearchProps) {
  const id = useId();
  const initial = useSearchParams().get(param) ?? "";
  const { navigate } = useListNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function handleChange(value: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate({ [param]: value.trim() || null, page: null }), DEBOUNCE_MS);
  }

  return (
    <div role="search" className="relative w-full max-w-xs">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
      />
      <input
        id={id}
        type="search"
        defaultValue={initial}
        placeholder={placeholder}
        maxLength={MAX_QUERY_LENGTH}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => handleChange(event.currentTarget.value)}
        className="w-full rounded-md border border-zinc-200 bg-white py-2 pr-3 pl-9 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
      />
    </div>
  );
}
