import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { pagedAnswer, readPageQuery } from "@/lib/api/read-page-query";
import { listRewardsQuery } from "@/lib/api/schemas";
import { toApiReward } from "@/lib/api/serialize";
import { searchRewards } from "@/lib/rewards/search-rewards";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const query = readPageQuery(request, listRewardsQuery);
    if (!query.ok) return query.response;
    const q = query.value;
    const result = await searchRewards(ctx, {
      campaignId: q.campaign_id,
      status: q.status,
      page: q.page,
      perPage: q.per_page,
      startingAfter: q.starting_after,
    });
    return pagedAnswer(result, q, toApiReward, "reward");
  });

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
