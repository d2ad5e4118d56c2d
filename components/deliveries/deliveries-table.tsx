import Link from "next/link";
import { ChevronLeft, ChevronRight, Inbox, SearchX } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import type { DeliveryRow } from "@/lib/webhooks/delivery/list-deliveries";
import { ResendButton } from "./resend-button";

const tones = { pending: "gray", delivering: "indigo", retrying: "amber", delivered: "green", failed: "red" } as const;

/** The last status code, and the last error in words: why it failed, or why nothing was sent. */
function LastResponse({ delivery }: { delivery: DeliveryRow }) {
  if (!delivery.lastError) return delivery.lastResponseStatus ?? <span className="text-zinc-400">—</span>;
  return (
    <span className="block max-w-sm text-xs whitespace-normal text-red-700">
      {delivery.lastResponseStatus ? `${delivery.lastResponseStatus} · ` : null}
      {delivery.lastError}
    </span>
  );
}

function inWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "in under a minute";
  if (minutes < 90) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}

function Status({ delivery, now }: { delivery: DeliveryRow; now: Date }) {
  const badge = <Badge tone={tones[delivery.status]}>{delivery.status}</Badge>;
  if (delivery.status !== "retrying" || !delivery.nextAttemptAt) return badge;
  const next = new Date(delivery.nextAttemptAt);
  return (
    <div>
      {badge}
      <p className="mt-1 text-xs whitespace-nowrap text-zinc-500">
        Next retry {formatDateTime(next)}
        {next > now ? ` (${inWords(next.getTime() - now.getTime())})` : " (due)"}
      </p>
    </div>
  );
}

type Props = {
  campaignId: string;
  webhookId: string;
  rows: DeliveryRow[];
  /** Where Previous and Next lead, or null where there is no such page. */
  pages: { newer: string | null; older: string | null };
  attemptsHref: (deliveryId: string) => string;
  /** Whether a filter or search is on, for the empty state's words. */
  filtered: boolean;
  now: Date;
  /** Resending is for Owners and Admins. */
  canResend: boolean;
};

const pageLink = cn(
  "inline-flex items-center gap-1 rounded-md border border-zinc-200 bg-white px-3 py-1.5 font-medium text-zinc-700 shadow-xs",
  "hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
);
const pageLinkOff = "inline-flex items-center gap-1 rounded-md border border-zinc-100 px-3 py-1.5 text-zinc-500";

/** A page of the delivery log, rendered on the server; only Resend runs in the browser. */
export function DeliveriesTable({ campaignId, webhookId, rows, pages, attemptsHref, filtered, now, canResend }: Props) {
  const first = !pages.newer;
  return (
    <div className="overflow-hidden rounded-b-lg text-sm">
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Deliveries</caption>
          <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase">
            <tr>
              {["Event", "Status", "Attempts", "Last response", "Created"].map((h) => (
                <th key={h} scope="col" className="px-4 py-3 whitespace-nowrap">
                  {h}
                </th>
              ))}
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-12 text-center text-zinc-500">
                  {filtered ? (
                    <EmptyState icon={SearchX} title="No deliveries match">
                      Nothing this webhook sent matches these filters. Try another status, event or time range, or clear
                      the filters.
                    </EmptyState>
                  ) : first ? (
                    <EmptyState icon={Inbox} title="No deliveries yet">
                      Deliveries appear here when this webhook&apos;s event happens, or when you send a test event.
                    </EmptyState>
                  ) : (
                    <EmptyState icon={Inbox} title="No older deliveries">
                      Every delivery still kept is on the pages before this one.
                    </EmptyState>
                  )}
                </td>
              </tr>
            ) : (
              rows.map((d) => (
                <tr key={d.id} className="border-t border-zinc-100 hover:bg-zinc-50/60">
                  <td className="px-4 py-3 text-zinc-700">
                    <span className="font-mono text-xs">
                      {d.eventType}
                      {d.isTest ? <Badge className="ml-2">test</Badge> : null}
                    </span>
                    {d.participantEmail ? (
                      <span className="block text-xs text-zinc-500">{d.participantEmail}</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-zinc-700">
                    <Status delivery={d} now={now} />
                  </td>
                  <td className="px-4 py-3 text-zinc-700 tabular-nums">{d.attemptCount}</td>
                  <td className="px-4 py-3 text-zinc-700">
                    <LastResponse delivery={d} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-zinc-700">{formatDateTime(d.createdAt)}</td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-2">
                      <Link href={attemptsHref(d.id)} scroll={false} className={buttonClasses("ghost", "sm")}>
                        Attempts
                      </Link>
                      {canResend && (d.status === "delivered" || d.status === "failed") && !d.isTest ? (
                        <ResendButton campaignId={campaignId} webhookId={webhookId} deliveryId={d.id} />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="flex justify-end gap-2 border-t border-zinc-200 px-4 py-3">
        {pages.newer ? (
          <Link href={pages.newer} scroll={false} className={pageLink} rel="prev">
            <ChevronLeft aria-hidden className="size-4" /> Previous
          </Link>
        ) : (
          <span className={pageLinkOff} aria-disabled="true">
            <ChevronLeft aria-hidden className="size-4" /> Previous
          </span>
        )}
        {pages.older ? (
          <Link href={pages.older} scroll={false} className={pageLink} rel="next">
            Next <ChevronRight aria-hidden className="size-4" />
          </Link>
        ) : (
          <span className={pageLinkOff} aria-disabled="true">
            Next <ChevronRight aria-hidden className="size-4" />
          </span>
        )}
      </nav>
    </div>
  );
}
