import type { Metadata } from "next";
import { DeliveryEngineStatusNotice } from "@/components/deliveries/delivery-engine-status";
import { WebhookHealthCell } from "@/components/deliveries/webhook-health";
import { ApiKeySection } from "@/components/webhooks/api-key-section";
import { WebhooksSection } from "@/components/webhooks/webhooks-section";
import { getActiveApiKey } from "@/lib/api-keys/manage-api-key";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { allowPrivateWebhookTargets, env, inngestIsDev, requestInboxEnabled } from "@/lib/config/env";
import { openInbox } from "@/lib/inbox/open-inbox";
import { can, forbiddenMessage } from "@/lib/teams/permissions";
import { deliveryEngineStatus } from "@/lib/outbox/engine-status";
import { webhookHealth } from "@/lib/webhooks/delivery/delivery-health";
import { listWebhooks } from "@/lib/webhooks/webhook-views";

export const metadata: Metadata = { title: "API & Webhooks" };

export default async function IntegrationsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const { ctx, campaign } = await loadCampaign(campaignId);
  const canManage = can(ctx.role, "manageIntegrations");
  const [apiKey, webhooks, health, engine, inbox] = await Promise.all([
    getActiveApiKey(ctx),
    listWebhooks(ctx, campaign.id),
    // Every webhook of the campaign in one statement.
    webhookHealth(ctx, { campaignId: campaign.id }, "24h"),
    deliveryEngineStatus(ctx.db, ctx.teamId),
    requestInboxEnabled() ? openInbox(ctx) : null,
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-zinc-900">API &amp; Webhooks</h2>
        <p className="text-sm text-zinc-500">
          Connect this campaign to your CRM, billing system, Zapier, Make, n8n or your own backend.
        </p>
      </div>
      <DeliveryEngineStatusNotice status={engine} development={inngestIsDev()} appUrl={env().APP_URL} />
      {canManage ? null : (
        <p className="rounded-md bg-zinc-100 px-4 py-3 text-sm text-zinc-700" data-testid="read-only-notice">
          You can see this campaign&apos;s integrations.{" "}
          {forbiddenMessage("manageIntegrations").replace("do this", "change them, see secrets or generate keys")}
        </p>
      )}
      <ApiKeySection campaignId={campaign.id} apiKey={apiKey} canManage={canManage} />
      <WebhooksSection
        campaignId={campaign.id}
        webhooks={webhooks}
        health={Object.fromEntries(
          webhooks.map((w) => [w.id, <WebhookHealthCell key={w.id} health={health.get(w.id)} />]),
        )}
        targets={{
          allowPrivateNetworks: allowPrivateWebhookTargets(),
          inboxUrl: inbox?.url ?? null,
          readOnly: !canManage,
        }}
      />
    </div>
  );
}
