import { desc, eq, sql } from "drizzle-orm";
import { campaigns, participants, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";

export type CampaignSummary = Campaign & { referrers: number; leads: number; qualified: number };

export async function listCampaigns({ db, teamId }: TeamContext): Promise<CampaignSummary[]> {
  const counts = db
    .select({
      campaignId: participants.campaignId,
      referrers: sql<number>`count(*) filter (where ${participants.kind} = 'referrer')::int`.as("referrers"),
      leads: sql<number>`count(*) filter (where ${participants.kind} = 'lead')::int`.as("leads"),
      qualified: sql<number>`count(*) filter (where ${participants.status} = 'qualified')::int`.as("qualified"),
    })
    .from(participants)
    .where(ownedBy(participants, teamId))
    .groupBy(participants.campaignId)
    .as("counts");
  const rows = await db
    .select({
      campaign: campaigns,
      referrers: sql<number>`coalesce(${counts.referrers}, 0)`,
      leads: sql<number>`coalesce(${counts.leads}, 0)`,
      qualified: sql<number>`coalesce(${counts.qualified}, 0)`,
    })
    .from(campaigns)
    .leftJoin(counts, eq(counts.campaignId, campaigns.id))
    .where(ownedBy(campaigns, teamId))
    .orderBy(desc(campaigns.createdAt));
  return rows.map((r) => ({ ...r.campaign, referrers: r.referrers, leads: r.leads, qualified: r.qualified }));
}
