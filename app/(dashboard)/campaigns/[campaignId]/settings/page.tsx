import type { Metadata } from "next";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { timeZones } from "@/lib/campaigns/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { can } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Campaign settings" };

export default async function CampaignSettingsPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const { ctx, campaign } = await loadCampaign(campaignId);
  return (
    <Card>
      <CardHeader title="General" description="The campaign's name, where referral links lead, and its reward rule." />
      <div className="p-5">
        <CampaignForm
          campaignId={campaign.id}
          initial={campaign}
          timeZones={timeZones()}
          readOnly={!can(ctx.role, "manageCampaigns")}
        />
      </div>
    </Card>
  );
}
