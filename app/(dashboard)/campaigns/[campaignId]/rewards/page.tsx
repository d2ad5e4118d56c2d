import type { Metadata } from "next";
import { RewardsTable } from "@/components/rewards/rewards-table";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { listRewards } from "@/lib/rewards/list-rewards";
import { parseRewardListParams } from "@/lib/rewards/reward-list-params";
import type { SearchParamsRecord } from "@/lib/tables/list-params";

export const metadata: Metadata = { title: "Rewards" };

export default async function RewardsPage(props: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const { ctx, campaign } = await loadCampaign(campaignId);
  const query = parseRewardListParams(searchParams);
  const { rows, hasNextPage } = await listRewards(ctx, campaign.id, query);
  return <RewardsTable rows={rows} page={query.page} pageSize={query.pageSize} hasNextPage={hasNextPage} />;
}
