import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireMarketer } from "@/lib/auth/session";
import { getCampaign } from "./get-campaign";

/** For campaign pages: the signed-in team's campaign, or the 404 page (also for other teams' ids). */
export const loadCampaign = cache(async (campaignId: string) => {
  const ctx = await requireMarketer();
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) notFound();
  return { ctx, campaign };
});
