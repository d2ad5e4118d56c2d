import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, rewards, type Campaign, type Participant } from "@/db/schema";
import { recordEvent } from "@/lib/events/record-event";
import { campaignSnapshot, rewardSnapshot, userSnapshot } from "@/lib/events/snapshot";

type Grant = { recipient: Participant; description: string; grantKey: string };

/**
 * Applies the campaign's reward rule to a lead that just qualified, inside its transaction.
 * Each reward has a grant key (what earned it), unique per campaign, so qualifying the same
 * lead again after an unqualify never grants a second reward.
 */
export async function grantRewardsForQualifiedLead(
  tx: Db,
  { campaign, lead, referrer }: { campaign: Campaign; lead: Participant; referrer: Participant | null },
): Promise<void> {
  const grants: Grant[] = [];
  if (referrer) {
    if (campaign.rewardMode === "per_lead") {
      grants.push({ recipient: referrer, description: campaign.referrerReward, grantKey: `lead:${lead.id}:referrer` });
    } else {
      // Counting needs the referrer's lock: concurrent qualifications of their leads queue here,
      // and each counts after the one before it committed.
      await lockParticipant(tx, referrer.id);
      const qualified = await countQualifiedLeads(tx, referrer.id);
      if (qualified > 0 && qualified % campaign.rewardEveryN === 0) {
        const milestone = qualified / campaign.rewardEveryN;
        grants.push({ recipient: referrer, description: campaign.referrerReward, grantKey: `referrer:${referrer.id}:milestone:${milestone}` });
      }
    }
  }
  if (campaign.leadReward) {
    grants.push({ recipient: lead, description: campaign.leadReward, grantKey: `lead:${lead.id}:lead` });
  }

  for (const grant of grants) {
    const issuedNow = campaign.autoIssueRewards;
    const [reward] = await tx
      .insert(rewards)
      .values({
        teamId: campaign.teamId,
        campaignId: campaign.id,
        recipientId: grant.recipient.id,
        leadId: lead.id,
        description: grant.description,
        grantKey: grant.grantKey,
        status: issuedNow ? "issued" : "due",
        issuedAt: issuedNow ? new Date() : null,
      })
      .onConflictDoNothing()
      .returning();
    if (reward && issuedNow) {
      const recipientsReferrer = grant.recipient.id === lead.id ? referrer : null;
      await recordEvent(tx, {
        teamId: campaign.teamId,
        campaignId: campaign.id,
        type: "reward.issued",
        data: {
          user: userSnapshot(grant.recipient.id === lead.id ? lead : grant.recipient),
          campaign: campaignSnapshot(campaign),
          referrer: recipientsReferrer ? userSnapshot(recipientsReferrer) : null,
          reward: rewardSnapshot(reward),
        },
      });
    }
  }
}

async function countQualifiedLeads(tx: Db, referrerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(participants)
    .where(and(eq(participants.referrerId, referrerId), eq(participants.status, "qualified")));
  return row?.n ?? 0;
}

async function lockParticipant(tx: Db, id: string): Promise<void> {
  await tx.select({ id: participants.id }).from(participants).where(eq(participants.id, id)).for("update");
}
