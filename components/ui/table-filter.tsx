"use client";

import { useId, useOptimistic } from "react";
import { useSearchParams } from "next/navigation";
import { ChevronDown } from "lucide-react";
import { useListNavigation } from "./data-table";

export type TableFilterOption = { value: string; label: string };

export type TableFilterProps = {
  label: string;
  /** Query-string key to write, e.g. "status". */
  param: string;
  options: readonly TableFilterOption[];
};

/** Native select writing `?<param>=value`; "All" removes the param. Either choice returns to page 1. */
export function TableFilter({ label, param, options }: TableFilterProps) {
  const id = useId();
  const current = useSearchParams().get(param) ?? "";
  // Shows the new choice at once; reverts to the URL value when the navigation settles.
  const [value, setValue] = useOptimistic(current);
  const { navigate } = useListNavigation();

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          value={value}
          onChange={(event) => {
            const next = event.currentTarget.value;
            navigate({ [param]: next || null, page: null }, () => setValue(next));
          }}
          className="appearance-none rounded-md border border-zinc-200 bg-white py-2 pr-8 pl-3 text-sm text-zinc-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
        >
          <option value="">All</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-400"
        />
      </div>
    </div>
  );
}
