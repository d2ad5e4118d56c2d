import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { JoinForm } from "@/components/public/join-form";
import { getPublicCampaign } from "@/lib/campaigns/get-campaign";

export const metadata: Metadata = { title: "Join" };

export default async function JoinPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const campaign = await getPublicCampaign(await getDb(), campaignId);
  if (!campaign) notFound();
  return (
    <>
      <p className="text-sm font-medium text-indigo-600">Referral program</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900">{campaign.name}</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600">
        Invite friends and get <strong className="text-zinc-900">{campaign.referrerReward}</strong>
        {campaign.rewardMode === "every_n"
          ? ` for every ${campaign.rewardEveryN} friends who qualify.`
          : " for each friend who qualifies."}
      </p>
      <JoinForm campaignId={campaign.id} />
    </>
  );
}
