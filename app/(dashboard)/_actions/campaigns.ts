"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { createCampaign, updateCampaign } from "@/lib/campaigns/save-campaign";
import { campaignSchema } from "@/lib/campaigns/schemas";

/** Creates a campaign and opens it, or saves the one named by `campaignId`. */
export const saveCampaignAction = teamAction(
  {
    name: "saveCampaign",
    permission: "manageCampaigns",
    schema: z.object({ campaignId: z.string().optional() }).and(campaignSchema),
  },
  async ({ campaignId, ...campaign }, ctx) => {
    const result = campaignId ? await updateCampaign(ctx, campaignId, campaign) : await createCampaign(ctx, campaign);
    if (!result.ok) return failedWith(result);
    revalidatePath("/campaigns", "layout");
    if (campaignId) return succeeded(undefined, "Campaign saved");
    redirect(`/campaigns/${result.value.id}`);
  },
);
