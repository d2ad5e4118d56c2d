import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, participants, rewards, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isUuid } from "@/lib/ids";

export async function getCampaign({ db, teamId }: TeamContext, campaignId: string): Promise<Campaign | null> {
  if (!isUuid(campaignId)) return null;
  const [campaign] = await db.select().from(campaigns).where(ownedBy(campaigns, teamId, eq(campaigns.id, campaignId)));
  return campaign ?? null;
}

/** For the public join page: anyone with the link may see the campaign's name. */
export async function getPublicCampaign(db: Db, campaignId: string): Promise<Campaign | null> {
  if (!isUuid(campaignId)) return null;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return campaign ?? null;
}

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

export type CampaignStats = { referrers: number; leadsPending: number; leadsQualified: number; rewardsDue: number; rewardsIssued: number };

export async function getCampaignStats({ db, teamId }: TeamContext, campaignId: string): Promise<CampaignStats> {
  const [people] = await db
    .select({
      referrers: sql<number>`count(*) filter (where ${participants.kind} = 'referrer')::int`,
      leadsPending: sql<number>`count(*) filter (where ${participants.status} = 'pending')::int`,
      leadsQualified: sql<number>`count(*) filter (where ${participants.status} = 'qualified')::int`,
    })
    .from(participants)
    .where(ownedBy(participants, teamId, eq(participants.campaignId, campaignId)));
  const [earned] = await db
    .select({
      rewardsDue: sql<number>`count(*) filter (where ${rewards.status} = 'due')::int`,
      rewardsIssued: sql<number>`count(*) filter (where ${rewards.status} = 'issued')::int`,
    })
    .from(rewards)
    .where(ownedBy(rewards, teamId, eq(rewards.campaignId, campaignId)));
  return { ...people!, ...earned! };
}
