import Link from "next/link";
import { ChevronRight, ScrollText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClasses } from "@/components/ui/field";
import { AUDIT_ACTIONS, auditActions, type AuditAction } from "@/lib/audit/audit-actions";
import type { AuditLogQuery } from "@/lib/audit/audit-log-params";
import type { AuditActorOption, AuditEventRow } from "@/lib/audit/list-audit-events";
import { describeDetails } from "./describe-details";

// "Team member", not "Member": the role of that name is something else.
const KIND_LABELS = { member: "Team member", api_key: "API key", system: "System" } as const;
const KIND_TONES = { member: "indigo", api_key: "amber", system: "gray" } as const;

type Filters = Omit<AuditLogQuery, "after">;

/** The log's URL with these filters, from its newest entry or after a cursor. */
function logHref(filters: Filters, after?: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, after })) if (value) params.set(key, String(value));
  const query = params.toString();
  return query ? `/team/audit?${query}` : "/team/audit";
}

/** `2026-11-30 17:21:15 UTC`: seconds matter in an audit trail. */
const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export function AuditLog({
  entries,
  actors,
  query,
  nextCursor,
}: {
  entries: AuditEventRow[];
  actors: AuditActorOption[];
  query: AuditLogQuery;
  nextCursor: string | null;
}) {
  const { after, ...filters } = query;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm shadow-xs">
      <AuditFilters actors={actors} filters={filters} />
      {entries.length === 0 ? (
        filtered || after ? (
          <EmptyState
            icon={ScrollText}
            title={after ? "No older entries" : "No entries match these filters"}
            action={
              <Link href="/team/audit" className={buttonClasses("secondary")}>
                Show the whole log
              </Link>
            }
          />
        ) : (
          <EmptyState icon={ScrollText} title="Nothing recorded yet">
            Changes to campaigns, webhooks, signing secrets, API keys, inbound URLs and team members will appear here:
            who made them, when, and from which address. Writes through the REST API appear under their API key.
          </EmptyState>
        )
      ) : (
        <AuditTable entries={entries} />
      )}
      {after || nextCursor ? (
        <nav aria-label="Pagination" className="flex justify-end gap-2 border-t border-zinc-200 px-4 py-3">
          {after ? (
            <Link href={logHref(filters)} className={buttonClasses("secondary", "sm")}>
              Newest entries
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={logHref(filters, nextCursor)} className={buttonClasses("secondary", "sm")}>
              Older entries <ChevronRight aria-hidden className="size-4" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
function AuditFilters({ actors, filters }: { actors: AuditActorOption[]; filters: Filters }) {
  const select = cn(inputClasses, "w-auto max-w-xs pr-8");
  return (
    <form
      method="get"
      action="/team/audit"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 border-b border-zinc-200 p-4"
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        Who
        <select name="actor" defaultValue={filters.actor ?? ""} className={select}>
          <option value="">Anyone</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.label} ({KIND_LABELS[actor.kind]})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        What
        <select name="action" defaultValue={filters.action ?? ""} className={select}>
          <option value="">Any change</option>
          {auditActions.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTIONS[action]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        From (UTC)
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={select} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        To (UTC)
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={select} />
      </label>
      <button type="submit" className={buttonClasses("primary")}>
        Filter
      </button>
      {Object.values(filters).some(Boolean) ? (
        <Link href="/team/audit" className={buttonClasses("ghost")}>
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

function AuditTable({ entries }: { entries: AuditEventRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">
              When
            </th>
            <th scope="col" className="px-4 py-3">
              Who
            </th>
            <th scope="col" className="px-4 py-3">
              What
            </th>
            <th scope="col" className="px-4 py-3">
              Details
            </th>
            <th scope="col" className="px-4 py-3">
              From where
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-zinc-100 align-top">
              <td className="px-4 py-3 whitespace-nowrap text-zinc-700 tabular-nums">
                <time dateTime={entry.occurredAt.toISOString()}>{utc(entry.occurredAt)}</time>
              </td>
              <td className="px-4 py-3 text-zinc-900">
                <div className="break-words">{entry.actorLabel}</div>
                <Badge tone={KIND_TONES[entry.actorKind]} className="mt-1">
                  {KIND_LABELS[entry.actorKind]}
                </Badge>
              </td>
              <td className="px-4 py-3 text-zinc-900">
                <div className="font-medium">{AUDIT_ACTIONS[entry.action as AuditAction] ?? entry.action}</div>
                {entry.subjectType ? (
                  <div className="text-zinc-500">
                    {entry.subjectLabel ?? `${entry.subjectType} ${entry.subjectId?.slice(0, 8) ?? ""}`}
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3 text-zinc-700">
                <Details details={entry.details} />
              </td>
              <td className="px-4 py-3 text-zinc-700">
                {entry.ip || entry.userAgent ? (
                  <>
                    <div className="font-mono text-xs">{entry.ip ?? "Unknown address"}</div>
                    {entry.userAgent ? (
                      <div className="mt-1 max-w-64 text-xs break-words text-zinc-500">{entry.userAgent}</div>
                    ) : null}
                  </>
                ) : (
                  <span className="text-zinc-500">{entry.actorKind === "system" ? "Referwire itself" : "—"}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Details({ details }: { details: Record<string, unknown> }) {
  const lines = describeDetails(details);
  if (lines.length === 0) return <span className="text-zinc-400">—</span>;
  return (
    <dl className="space-y-0.5">
      {lines.map((line) => (
        <div key={line.label} className="flex flex-wrap gap-x-1.5">
          <dt className="text-zinc-500">{line.label}:</dt>
          <dd className="break-words">{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}
