"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { Webhook as WebhookIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import type { WebhookView } from "@/lib/webhooks/webhook-views";
import { FAILURE_WARNING_THRESHOLD } from "@/lib/webhooks/policy";
import { WebhookActions } from "./webhook-actions";
import type { WebhookTargets } from "./webhook-form";

const col = createDataTableColumnHelper<WebhookView>();

function columns(campaignId: string, health: Record<string, ReactNode>, targets: WebhookTargets) {
  return col.columns([
    col.accessor("name", {
      header: "Name",
      cell: (c) => (
        <Link
          href={`/campaigns/${campaignId}/settings/integrations/webhooks/${c.row.original.id}`}
          className="font-medium text-zinc-900 hover:text-indigo-600"
        >
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("url", {
      header: "URL",
      cell: (c) => (
        <span className="block max-w-64 truncate font-mono text-xs" title={c.getValue()}>
          {c.getValue()}
        </span>
      ),
    }),
    col.accessor("method", { header: "HTTP Method", cell: (c) => <Badge>{c.getValue()}</Badge> }),
    col.accessor("event", {
      header: "Event",
      cell: (c) => <span className="block max-w-56 text-xs">{EVENT_CATALOGUE[c.getValue()].label}</span>,
    }),
    col.accessor("sources", {
      header: "Source",
      cell: (c) => (c.getValue().length ? c.getValue().join(", ") : "All sources"),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (c) => {
        const w = c.row.original;
        if (w.status === "disabled") {
          return (
            <div>
              <Badge tone="red">Disabled</Badge>
              <p className="mt-1 max-w-48 text-xs text-zinc-500">
                {w.disabledReason} · {formatDateTime(w.disabledAt)}
              </p>
            </div>
          );
        }
        if (w.consecutiveFailures >= FAILURE_WARNING_THRESHOLD)
          return <Badge tone="amber">Failing ({w.consecutiveFailures} in a row)</Badge>;
        return <Badge tone="green">Active</Badge>;
      },
    }),
    col.display({
      id: "health",
      header: "Last 24 hours",
      cell: (c) => health[c.row.original.id] ?? null,
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => <WebhookActions campaignId={campaignId} webhook={c.row.original} targets={targets} />,
    }),
  ]);
}

export function WebhooksTable({
  campaignId,
  webhooks,
  health,
  targets,
}: {
  campaignId: string;
  webhooks: WebhookView[];
  health: Record<string, ReactNode>;
  targets: WebhookTargets;
}) {
  return (
    <DataTable
      label="Webhooks"
      columns={columns(campaignId, health, targets)}
      data={webhooks}
      getRowId={(w) => w.id}
      page={1}
      pageSize={Math.max(webhooks.length, 1)}
      hasNextPage={false}
      emptyState={
        <EmptyState icon={WebhookIcon} title="No webhooks yet">
          Create a webhook to send this campaign&apos;s events to your CRM, Zapier, Make, n8n or your own backend.
        </EmptyState>
      }
    />
  );
}
