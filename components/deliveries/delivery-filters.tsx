"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { Search } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { deliveryStatuses, eventTypes } from "@/db/enums";
import { MAX_QUERY_LENGTH } from "@/lib/tables/list-params";

export type DeliveryFilterValues = { status: string; type: string; range: string; from: string; to: string; q: string };

const RANGES = [
  ["all", "Any time"],
  ["1h", "Last hour"],
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["custom", "Custom range"],
] as const;

const control =
  "rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600";

/**
 * The delivery log's filters as a GET form: without JavaScript it submits as is, and the server
 * reads every field from the URL. With it, the URL keeps only the fields that say something and
 * the page updates without a full reload. `keep` holds parameters the form does not own (the
 * health window).
 */
export function DeliveryFilters({ values, keep }: { values: DeliveryFilterValues; keep: Record<string, string> }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [range, setRange] = useState(values.range || "all");
  const field = (name: string) => `${id}-${name}`;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim()) params.set(name, value.trim());
    }
    // The dates belong to "Custom range" only; "Any time" is the default and needs no parameter.
    if (params.get("range") !== "custom") {
      params.delete("from");
      params.delete("to");
    }
    if (params.get("range") === "all") params.delete("range");
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname, { scroll: false }));
  }

  return (
    <form
      method="get"
      onSubmit={submit}
      role="search"
      aria-label="Filter deliveries"
      className="flex flex-wrap items-end gap-3"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-col gap-1">
        <label htmlFor={field("q")} className="text-xs font-medium text-zinc-600">
          Search
        </label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
          />
          <input
            id={field("q")}
            name="q"
            type="search"
            defaultValue={values.q}
            placeholder="Delivery id, event id or email"
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            spellCheck={false}
            className={cn(control, "w-72 pl-9 placeholder:text-zinc-400")}
          />
        </div>
      </div>
      <Select id={field("status")} name="status" label="Status" defaultValue={values.status}>
        <option value="">All</option>
        {deliveryStatuses.map((s) => (
          <option key={s} value={s}>
            {s[0]!.toUpperCase() + s.slice(1)}
          </option>
        ))}
      </Select>
      <Select id={field("type")} name="type" label="Event" defaultValue={values.type}>
        <option value="">All</option>
        {eventTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
      <Select
        id={field("range")}
        name="range"
        label="Created"
        value={range}
        onChange={(event) => setRange(event.currentTarget.value)}
      >
        {RANGES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      {range === "custom" ? (
        <>
          <DateTime id={field("from")} name="from" label="From (UTC)" defaultValue={values.from} />
          <DateTime id={field("to")} name="to" label="To (UTC)" defaultValue={values.to} />
        </>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" disabled={pending}>
          Apply
        </Button>
        <Link href={keepOnly(pathname, keep)} scroll={false} className={buttonClasses("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}

const keepOnly = (pathname: string, keep: Record<string, string>) => {
  const params = new URLSearchParams(keep);
  return params.size ? `${pathname}?${params}` : pathname;
};

function Select({ id, label, children, ...props }: { id: string; label: string } & React.ComponentProps<"select">) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <select id={id} className={cn(control, "pr-8")} {...props}>
        {children}
      </select>
    </div>
  );
}

function DateTime({ id, label, ...props }: { id: string; label: string } & React.ComponentProps<"input">) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <input id={id} type="datetime-local" step={60} className={control} {...props} />
    </div>
  );
}
