import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiJson } from "@/lib/api/respond";
import { toApiCampaign } from "@/lib/api/serialize";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const campaigns = await listCampaigns(ctx);
    return apiJson({ data: campaigns.map(toApiCampaign) });
  });

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
