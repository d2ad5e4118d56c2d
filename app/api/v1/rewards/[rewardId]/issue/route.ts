import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiJson, failureResponse } from "@/lib/api/respond";
import { toApiReward } from "@/lib/api/serialize";
import { issueReward } from "@/lib/rewards/issue-reward";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ rewardId: string }> };

/** Due → Issued with its reward.issued event; issuing an issued reward changes nothing. */
export const POST = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const result = await issueReward(ctx, (await params).rewardId);
    if (!result.ok) return failureResponse(result);
    return apiJson({ data: toApiReward(result.value.reward), changed: !result.value.alreadyIssued });
  });
