"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { Inbox } from "lucide-react";
import { toastResult } from "@/components/ui/toast-result";
import { resendDeliveryAction } from "@/app/(dashboard)/_actions/webhook-deliveries";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { TableFilter } from "@/components/ui/table-filter";
import { deliveryStatuses } from "@/db/enums";
import type { DeliveryRow } from "@/lib/webhooks/delivery/list-deliveries";

const tones = { pending: "gray", delivering: "indigo", retrying: "amber", delivered: "green", failed: "red" } as const;
const col = createDataTableColumnHelper<DeliveryRow>();

function DeliveryActions({
  delivery,
  campaignId,
  webhookId,
}: {
  delivery: DeliveryRow;
  campaignId: string;
  webhookId: string;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const view = new URLSearchParams(params);
  view.set("delivery", delivery.id);
  const finished = delivery.status === "delivered" || delivery.status === "failed";
  return (
    <div className="flex justify-end gap-2">
      <Button asChild size="sm" variant="ghost">
        <Link href={`${pathname}?${view}`} scroll={false}>
          Attempts
        </Link>
      </Button>
      {finished && !delivery.isTest ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              toastResult(await resendDeliveryAction({ campaignId, webhookId, deliveryId: delivery.id }));
            })
          }
        >
          Resend
        </Button>
      ) : null}
    </div>
  );
}

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

const statusOptions = deliveryStatuses.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }));

type Props = {
  campaignId: string;
  webhookId: string;
  rows: DeliveryRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
};

export function DeliveriesTable({ campaignId, webhookId, rows, page, pageSize, hasNextPage }: Props) {
  const columns = col.columns([
    col.accessor("eventType", {
      header: "Event",
      cell: (c) => (
        <span className="font-mono text-xs">
          {c.getValue()}
          {c.row.original.isTest ? <Badge className="ml-2">test</Badge> : null}
        </span>
      ),
    }),
    col.accessor("status", { header: "Status", cell: (c) => <Badge tone={tones[c.getValue()]}>{c.getValue()}</Badge> }),
    col.accessor("attemptCount", {
      header: "Attempts",
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    }),
    col.accessor("lastResponseStatus", {
      header: "Last response",
      cell: (c) => <LastResponse delivery={c.row.original} />,
    }),
    col.accessor("nextAttemptAt", {
      header: "Next attempt",
      cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
    }),
    col.accessor("createdAt", {
      header: "Created",
      cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => <DeliveryActions delivery={c.row.original} campaignId={campaignId} webhookId={webhookId} />,
    }),
  ]);
  return (
    <DataTable
      label="Deliveries"
      columns={columns}
      data={rows}
      getRowId={(d) => d.id}
      page={page}
      pageSize={pageSize}
      hasNextPage={hasNextPage}
      toolbar={<TableFilter label="Status" param="status" options={statusOptions} />}
      emptyState={
        <EmptyState icon={Inbox} title="No deliveries yet">
          Deliveries appear here when this webhook&apos;s event happens, or when you send a test event.
        </EmptyState>
      }
    />
  );
}
