import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiJson, failureResponse } from "@/lib/api/respond";
import { toApiReward } from "@/lib/api/serialize";
import { issueReward } from "@/lib/rewards/issue-reward";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ rewardId: string }> };

/** Due → Issued with its reward.issued event; issuing an issued reward changes nothing. */
export const POST = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const result = await issueReward(ctx, (await params).rewardId);
    if (!result.ok) return failureResponse(result);
    return apiJson({ data: toApiReward(result.value.reward), changed: !result.value.alreadyIssued });
  });

// Other methods get the API's JSON 405 with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
