import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AlertTriangle, ArrowLeft, Ban } from "lucide-react";
import { AttemptList } from "@/components/deliveries/attempt-list";
import { DeliveriesTable } from "@/components/deliveries/deliveries-table";
import { DeliveryEngineStatusNotice } from "@/components/deliveries/delivery-engine-status";
import { WebhookToolbar } from "@/components/deliveries/webhook-toolbar";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { deliveryStatuses } from "@/db/schema";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { env, inngestIsDev } from "@/lib/config/env";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import { deliveryEngineStatus } from "@/lib/outbox/engine-status";
import { isUuid } from "@/lib/ids";
import { listParamsSchema, type SearchParamsRecord } from "@/lib/tables/list-params";
import { listAttempts, listDeliveries } from "@/lib/webhooks/delivery/list-deliveries";
import { getWebhookView } from "@/lib/webhooks/webhook-views";
import { FAILURE_DISABLE_THRESHOLD, FAILURE_WARNING_THRESHOLD } from "@/lib/webhooks/policy";

export const metadata: Metadata = { title: "Webhook deliveries" };

const logParams = listParamsSchema({ sortable: ["createdAt"], defaultSort: "createdAt", defaultDir: "desc" });
const statusParam = z.enum(deliveryStatuses).optional().catch(undefined);

export default async function WebhookPage(props: {
  params: Promise<{ campaignId: string; webhookId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId, webhookId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const { ctx, campaign } = await loadCampaign(campaignId);
  const webhook = await getWebhookView(ctx, webhookId);
  if (!webhook || webhook.campaignId !== campaign.id) notFound();
  const { page, pageSize } = logParams.parse(searchParams);
  const log = await listDeliveries(ctx, webhook.id, { page, pageSize, status: statusParam.parse(searchParams.status) });
  const selected =
    typeof searchParams.delivery === "string" && isUuid(searchParams.delivery) ? searchParams.delivery : null;
  const [attempts, engine] = await Promise.all([
    selected ? listAttempts(ctx, selected) : [],
    deliveryEngineStatus(ctx.db, ctx.teamId),
  ]);
  const back = `/campaigns/${campaign.id}/settings/integrations`;

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
        <WebhookToolbar campaignId={campaign.id} webhookId={webhook.id} disabled={webhook.status === "disabled"} />
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
      <DeliveriesTable
        campaignId={campaign.id}
        webhookId={webhook.id}
        rows={log.rows}
        page={page}
        pageSize={pageSize}
        hasNextPage={log.hasNextPage}
      />
      {selected ? (
        <Card>
          <CardHeader title="Attempts" description={`Delivery ${selected} — the webhook-id header of every attempt.`} />
          <div className="p-5">
            <AttemptList attempts={attempts} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
