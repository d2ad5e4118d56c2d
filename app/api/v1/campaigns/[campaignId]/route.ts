import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiError, apiJson } from "@/lib/api/respond";
import { toApiCampaign } from "@/lib/api/serialize";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ campaignId: string }> };

export const GET = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const campaign = await getCampaign(ctx, (await params).campaignId);
    return campaign ? apiJson({ data: toApiCampaign(campaign) }) : apiError("not_found", "Campaign not found");
  });

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
