import type { Metadata } from "next";
import { CopyButton } from "@/components/ui/copy-button";
import { Card, CardHeader, cardClasses } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CampaignInsights } from "@/components/campaigns/campaign-insights";
import { getCampaignActivity, getFunnel, getTopReferrers } from "@/lib/campaigns/campaign-insights";
import { getCampaignStats } from "@/lib/campaigns/campaign-stats";
import { parseInsightRange } from "@/lib/campaigns/insight-range";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { joinPageLink } from "@/lib/participants/referral-link";

export const metadata: Metadata = { title: "Overview" };

export default async function CampaignOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<{ range?: string | string[] }>;
}) {
  const [{ campaignId }, { range: rangeParam }] = await Promise.all([params, searchParams]);
  const range = parseInsightRange(rangeParam);
  const { ctx, campaign } = await loadCampaign(campaignId);
  const [stats, activity, funnel, topReferrers] = await Promise.all([
    getCampaignStats(ctx, campaign.id),
    getCampaignActivity(ctx, campaign, range),
    getFunnel(ctx, campaign, range),
    getTopReferrers(ctx, campaign, range),
  ]);
  const joinLink = joinPageLink(campaign.id);
  const cards = [
    { label: "Referrers", value: stats.referrers, testId: "stat-referrers" },
    { label: "Leads pending", value: stats.leadsPending, testId: "stat-leads-pending" },
    { label: "Leads qualified", value: stats.leadsQualified, testId: "stat-leads-qualified" },
    { label: "Rewards due", value: stats.rewardsDue, testId: "stat-rewards-due" },
    { label: "Rewards issued", value: stats.rewardsIssued, testId: "stat-rewards-issued" },
  ];
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-5">
        {cards.map((card) => (
          // A <dl> may hold only <div> groups of <dt> and <dd>, so the card is a div here.
          <div key={card.label} className={cn(cardClasses, "px-5 py-4")}>
            <dt className="text-sm text-zinc-500">{card.label}</dt>
            <dd
              className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums"
              data-testid={card.testId}
            >
              {card.value}
            </dd>
          </div>
        ))}
      </dl>
      <CampaignInsights
        range={range}
        timeZone={campaign.timeZone}
        activity={activity}
        funnel={funnel}
        topReferrers={topReferrers}
      />
      <Card>
        <CardHeader
          title="Invite referrers"
          description="Share the join page: people who join become referrers and get their own referral link."
        />
        <div className="flex flex-wrap items-center gap-3 px-5 py-4">
          <code
            className="min-w-0 flex-1 truncate rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-700 ring-1 ring-zinc-200"
            data-testid="join-link"
          >
            {joinLink}
          </code>
          <CopyButton value={joinLink} label="Copy link" />
          <a
            href={joinLink}
            target="_blank"
            rel="noreferrer"
            className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
          >
            Open join page
          </a>
        </div>
      </Card>
      <Card>
        <CardHeader title="Reward rule" />
        <dl className="grid gap-4 px-5 py-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-zinc-500">Referrer gets</dt>
            <dd className="font-medium text-zinc-900">
              {campaign.referrerReward}
              {campaign.rewardMode === "every_n"
                ? ` for every ${campaign.rewardEveryN} qualified leads`
                : " per qualified lead"}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500">Lead gets</dt>
            <dd className="font-medium text-zinc-900">{campaign.leadReward ?? "Nothing"}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Issued</dt>
            <dd className="font-medium text-zinc-900">
              {campaign.autoIssueRewards ? "Automatically" : "By a marketer"}
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
