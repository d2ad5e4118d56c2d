import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { loadCampaign } from "@/lib/campaigns/load-campaign";

export const metadata: Metadata = { title: "Integrations and API" };

export default async function IntegrationsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  await loadCampaign(campaignId);
  return (
    <Card>
      <CardHeader title="API & Webhooks" description="API keys and outbound webhooks for this campaign." />
      <EmptyState icon={Webhook} title="Not available yet">
        Outbound webhooks and API keys are not built yet. Every event this campaign generates is already recorded, so webhooks
        created later can be fed from the same event log.
      </EmptyState>
    </Card>
  );
}
