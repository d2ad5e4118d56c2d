"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { listInboundRequestsAction } from "@/app/(dashboard)/_actions/inbound-webhook";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import type { InboundRequestRow } from "@/lib/inbound/list-inbound-requests";

/** Often enough to watch a test request arrive, rarely enough to cost nothing. */
const POLL_MS = 3_000;

/** Step 3's most recent inbound requests, refreshed while the dialog is open. */
export function InboundRequestList({ campaignId, initial }: { campaignId: string; initial: InboundRequestRow[] }) {
  const router = useRouter();
  const [rows, setRows] = useState(initial);
  const [stale, setStale] = useState(false);
  const newestSeen = useRef(initial[0]?.id ?? 0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let active = true;
    // Each poll waits for the previous one, so a slow answer never piles requests up.
    const poll = async () => {
      if (!document.hidden) {
        try {
          const result = await listInboundRequestsAction({ campaignId });
          if (!active) return;
          if (!result.ok) throw new Error(result.message);
          const latest = result.value;
          setRows(latest);
          setStale(false);
          // A lead qualified behind the dialog: refresh the Leads table so it shows.
          const fresh = latest.filter((r) => r.id > newestSeen.current);
          if (latest[0]) newestSeen.current = Math.max(newestSeen.current, latest[0].id);
          if (fresh.some((r) => r.httpStatus === 200 && !r.alreadyQualified)) router.refresh();
        } catch {
          if (active) setStale(true);
        }
      }
      if (active) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [campaignId, router]);

  return (
    <div className="space-y-2 pt-2">
      <div className="flex items-baseline justify-between gap-2">
        <h4 className="text-sm font-semibold text-zinc-900">Recent requests</h4>
        <span className="text-xs text-zinc-500">
          {stale ? "Could not refresh; retrying…" : `Refreshes every ${POLL_MS / 1000} s`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p
          className="rounded-md bg-zinc-50 px-3 py-4 text-center text-sm text-zinc-500 ring-1 ring-zinc-200"
          data-testid="inbound-requests-empty"
        >
          No requests yet. Send one with the curl command above and it appears here.
        </p>
      ) : (
        // Scrolls once the log is long: focusable so the keyboard can scroll it too.
        <div
          tabIndex={0}
          role="region"
          aria-label="Recent requests"
          className="max-h-64 overflow-y-auto rounded-md ring-1 ring-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <table className="w-full text-left text-xs">
            <caption className="sr-only">
              The campaign&apos;s most recent inbound webhook requests, newest first
            </caption>
            <thead className="sticky top-0 bg-zinc-50 text-zinc-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Received
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Result
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Referral code
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Caller
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((row) => (
                <tr key={row.id} data-testid="inbound-request">
                  <td className="px-3 py-2 whitespace-nowrap text-zinc-600">{formatDateTime(row.receivedAt)}</td>
                  <td className="px-3 py-2">
                    <Outcome row={row} />
                  </td>
                  <td
                    className="max-w-32 truncate px-3 py-2 font-mono text-zinc-800"
                    title={row.referralCode ?? undefined}
                  >
                    {row.referralCode ?? "—"}
                  </td>
                  <td className="max-w-48 truncate px-3 py-2 text-zinc-600" title={row.userAgent ?? undefined}>
                    {row.ip ?? "unknown IP"}
                    {row.userAgent ? <span className="text-zinc-400"> · {row.userAgent}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Outcome({ row }: { row: InboundRequestRow }) {
  if (row.httpStatus === 200) {
    return row.alreadyQualified ? <Badge>200 Already qualified</Badge> : <Badge tone="green">200 Qualified</Badge>;
  }
  return (
    <Badge tone={row.httpStatus === 429 ? "amber" : "red"} className="font-mono">
      {row.httpStatus} {row.errorCode}
    </Badge>
  );
}
