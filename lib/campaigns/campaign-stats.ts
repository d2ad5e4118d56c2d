import { eq, sql } from "drizzle-orm";
import { participants, rewards } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";

export type CampaignStats = {
  referrers: number;
  leadsPending: number;
  leadsQualified: number;
  rewardsDue: number;
  rewardsIssued: number;
};

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
