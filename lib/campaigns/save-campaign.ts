import { eq } from "drizzle-orm";
import { campaigns, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { campaignSchema, type CampaignInput, type CampaignValues } from "./schemas";

export async function createCampaign({ db, teamId }: TeamContext, input: CampaignInput): Promise<Result<Campaign>> {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const campaign = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ ...parsed.data, teamId })
      .returning();
    await recordAudit(tx, teamId, { action: "campaign.created", subject: campaignSubject(row!) });
    return row!;
  });
  return ok(campaign);
}

/** Saves the settings; the audit log gets the names of the fields that changed, if any did. */
export async function updateCampaign(
  { db, teamId }: TeamContext,
  campaignId: string,
  input: CampaignInput,
): Promise<Result<Campaign>> {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (!isUuid(campaignId)) return notFound("Campaign");
  const campaign = await db.transaction(async (tx) => {
    // Locked, so the fields named are the ones this save changed.
    const [before] = await tx
      .select()
      .from(campaigns)
      .where(ownedBy(campaigns, teamId, eq(campaigns.id, campaignId)))
      .for("update");
    if (!before) return null;
    const [row] = await tx
      .update(campaigns)
      .set({ ...parsed.data, updatedAt: new Date() })
      .where(ownedBy(campaigns, teamId, eq(campaigns.id, campaignId)))
      .returning();
    const changed = (Object.keys(parsed.data) as (keyof CampaignValues)[]).filter((f) => before[f] !== row![f]);
    if (changed.length)
      await recordAudit(tx, teamId, {
        action: "campaign.updated",
        subject: campaignSubject(row!),
        details: { changed },
      });
    return row!;
  });
  return campaign ? ok(campaign) : notFound("Campaign");
}

const campaignSubject = (campaign: Campaign) => ({ type: "campaign", id: campaign.id, label: campaign.name });
