import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertTriangle, ArrowLeft, Ban, Info } from "lucide-react";
import { AttemptList } from "@/components/deliveries/attempt-list";
import { DeliveriesTable } from "@/components/deliveries/deliveries-table";
import { DeliveryEngineStatusNotice } from "@/components/deliveries/delivery-engine-status";
import { DeliveryFilters } from "@/components/deliveries/delivery-filters";
import { healthWindowLinks, WebhookHealthPanel } from "@/components/deliveries/webhook-health";
import { WebhookToolbar } from "@/components/deliveries/webhook-toolbar";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { encodeKeyset } from "@/lib/api/cursor";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { can } from "@/lib/teams/permissions";
import { env, inngestIsDev } from "@/lib/config/env";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import { deliveryEngineStatus } from "@/lib/outbox/engine-status";
import { patchQueryString, type SearchParamsRecord } from "@/lib/tables/list-params";
import { webhookHealth } from "@/lib/webhooks/delivery/delivery-health";
import { parseDeliveryLogParams } from "@/lib/webhooks/delivery/delivery-log-params";
import { listAttempts, listDeliveries } from "@/lib/webhooks/delivery/list-deliveries";
import { getWebhookView } from "@/lib/webhooks/webhook-views";
import { FAILURE_DISABLE_THRESHOLD, FAILURE_WARNING_THRESHOLD } from "@/lib/webhooks/policy";

export const metadata: Metadata = { title: "Webhook deliveries" };

/** The page's own query string as URLSearchParams (repeated keys keep their first value). */
function currentQuery(searchParams: SearchParamsRecord) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) query.set(key, first);
  }
  return query;
}

export default async function WebhookPage(props: {
  params: Promise<{ campaignId: string; webhookId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId, webhookId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const { ctx, campaign } = await loadCampaign(campaignId);
  // Test sends, resends, replays, the secret and re-enabling are for Owners and Admins.
  const canManage = can(ctx.role, "manageIntegrations");
  const webhook = await getWebhookView(ctx, webhookId);
  if (!webhook || webhook.campaignId !== campaign.id) notFound();
  const now = new Date();
  const params = parseDeliveryLogParams(searchParams, now);
  const { selected } = params;
  const [log, health, attempts, engine] = await Promise.all([
    listDeliveries(ctx, webhook.id, { filter: params.filter, after: params.after, before: params.before }),
    webhookHealth(ctx, { webhookId: webhook.id }, params.window, now),
    selected ? listAttempts(ctx, selected) : [],
    deliveryEngineStatus(ctx.db, ctx.teamId),
  ]);
  const back = `/campaigns/${campaign.id}/settings/integrations`;
  const path = `${back}/webhooks/${webhook.id}`;
  const query = currentQuery(searchParams);
  const href = (patch: Record<string, string | null>) => {
    const next = patchQueryString(query, patch);
    return next ? `${path}?${next}` : path;
  };
  // Paging leaves the open delivery behind; the cursors say where the neighbouring pages begin.
  const pages = {
    newer: log.newer ? href({ before: encodeKeyset(log.newer), after: null, delivery: null }) : null,
    older: log.older ? href({ after: encodeKeyset(log.older), before: null, delivery: null }) : null,
  };
  const { filter } = params;
  const filtered = Boolean(filter.status || filter.eventType || filter.from || filter.to || filter.search);
  const selectedRow = log.rows.find((row) => row.id === selected);

  return (
    <div className="space-y-6">
      <Link href={back} className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800">
        <ArrowLeft className="size-4" aria-hidden /> API &amp; Webhooks
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-lg font-semibold text-zinc-900">
            {webhook.name}{" "}
            {webhook.status === "disabled" ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
          </h2>
          <p className="mt-1 truncate font-mono text-xs text-zinc-500">
            {webhook.method} {webhook.url}
          </p>
          <p className="mt-1 text-sm text-zinc-600">
            {EVENT_CATALOGUE[webhook.event].label} ·{" "}
            {webhook.sources.length ? webhook.sources.join(", ") : "All sources"}
          </p>
        </div>
        {canManage ? (
          <WebhookToolbar campaignId={campaign.id} webhookId={webhook.id} disabled={webhook.status === "disabled"} />
        ) : null}
      </div>
      {webhook.status === "disabled" ? (
        <div
          className="flex gap-3 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="webhook-disabled"
        >
          <Ban className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            Disabled {formatDateTime(webhook.disabledAt)}: {webhook.disabledReason}. Fix the endpoint, re-enable the
            webhook, then replay what it missed.
          </p>
        </div>
      ) : webhook.consecutiveFailures >= FAILURE_WARNING_THRESHOLD ? (
        <div
          className="flex gap-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="webhook-failing"
        >
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            The last {webhook.consecutiveFailures} deliveries failed. After {FAILURE_DISABLE_THRESHOLD} in a row the
            webhook is disabled.
          </p>
        </div>
      ) : null}
      <DeliveryEngineStatusNotice status={engine} development={inngestIsDev()} appUrl={env().APP_URL} />
      <WebhookHealthPanel
        health={health.get(webhook.id)!}
        windows={healthWindowLinks((window) => href({ window: window === "24h" ? null : window }))}
      />
      <Card>
        <CardHeader
          title="Delivery log"
          description="Every delivery of this webhook, newest first. Times are UTC; records are kept for the retention period."
        />
        <div className="space-y-3 border-b border-zinc-100 p-4">
          {/* Keyed by the URL so that the form shows what the URL says after Back and Forward too. */}
          <DeliveryFilters
            key={JSON.stringify(params.form)}
            values={params.form}
            keep={params.window === "24h" ? {} : { window: params.window }}
          />
          {params.notices.length ? (
            <div
              role="status"
              className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
              data-testid="log-notices"
            >
              <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
              <ul>
                {params.notices.map((notice) => (
                  <li key={notice}>{notice}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <DeliveriesTable
          campaignId={campaign.id}
          webhookId={webhook.id}
          rows={log.rows}
          pages={pages}
          attemptsHref={(id) => href({ delivery: id })}
          filtered={filtered}
          now={now}
          canResend={canManage}
        />
      </Card>
      {selected ? (
        <Card>
          <CardHeader
            title="Attempts"
            description={`Delivery ${selected} — the webhook-id header of every attempt.${selectedRow?.eventId ? ` Event ${selectedRow.eventId}.` : ""}`}
          />
          <div className="p-5">
            <AttemptList attempts={attempts} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
