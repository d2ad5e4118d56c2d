import { eq } from "drizzle-orm";
import { campaigns, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { campaignSchema, type CampaignInput } from "./schemas";

export async function createCampaign({ db, teamId }: TeamContext, input: CampaignInput): Promise<Result<Campaign>> {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [campaign] = await db
    .insert(campaigns)
    .values({ ...parsed.data, teamId })
    .returning();
  return ok(campaign!);
}

export async function updateCampaign(
  { db, teamId }: TeamContext,
  campaignId: string,
  input: CampaignInput,
): Promise<Result<Campaign>> {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [campaign] = await db
    .update(campaigns)
    .set({ ...parsed.data, updatedAt: new Date() })
    .where(ownedBy(campaigns, teamId, eq(campaigns.id, campaignId)))
    .returning();
  return campaign ? ok(campaign) : notFound("Campaign");
}
