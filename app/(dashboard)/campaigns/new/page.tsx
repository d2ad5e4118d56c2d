import type { Metadata } from "next";
import Link from "next/link";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { timeZones } from "@/lib/campaigns/schemas";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { requireMarketer } from "@/lib/auth/session";
import { can } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const { role } = await requireMarketer();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/campaigns" className="hover:text-zinc-700">
            Campaigns
          </Link>
        }
        title="New campaign"
        description="Where referral links lead, and what referrers earn when their friends qualify."
      />
      <Card className="p-6">
        <CampaignForm timeZones={timeZones()} readOnly={!can(role, "manageCampaigns")} />
      </Card>
    </>
  );
}
