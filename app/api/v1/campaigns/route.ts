import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiJson } from "@/lib/api/respond";
import { toApiCampaign } from "@/lib/api/serialize";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const campaigns = await listCampaigns(ctx);
    return apiJson({ data: campaigns.map(toApiCampaign) });
  });
