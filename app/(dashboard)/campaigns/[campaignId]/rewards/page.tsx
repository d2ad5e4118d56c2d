import type { Metadata } from "next";
import { z } from "zod";
import { RewardsTable } from "@/components/rewards/rewards-table";
import { rewardStatuses } from "@/db/schema";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import { listRewards } from "@/lib/rewards/list-rewards";
import { listParamsSchema, type SearchParamsRecord } from "@/lib/tables/list-params";

export const metadata: Metadata = { title: "Rewards" };

const rewardListParams = listParamsSchema({ sortable: ["createdAt"], defaultSort: "createdAt", defaultDir: "desc" });
const statusParam = z.enum(rewardStatuses).optional().catch(undefined);

export default async function RewardsPage(props: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const { ctx, campaign } = await loadCampaign(campaignId);
  const { page, pageSize } = rewardListParams.parse(searchParams);
  const status = statusParam.parse(searchParams.status);
  const { rows, hasNextPage } = await listRewards(ctx, campaign.id, { status, page, pageSize });
  return <RewardsTable rows={rows} page={page} pageSize={pageSize} hasNextPage={hasNextPage} />;
}
