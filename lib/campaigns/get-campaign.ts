import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isUuid } from "@/lib/ids";

export async function getCampaign({ db, teamId }: TeamContext, campaignId: string): Promise<Campaign | null> {
  if (!isUuid(campaignId)) return null;
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(ownedBy(campaigns, teamId, eq(campaigns.id, campaignId)));
  return campaign ?? null;
}

/** For the public join page: anyone with the link may see the campaign's name. */
export async function getPublicCampaign(db: Db, campaignId: string): Promise<Campaign | null> {
  if (!isUuid(campaignId)) return null;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return campaign ?? null;
}
