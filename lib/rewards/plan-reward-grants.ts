import { hash, randomUUID } from "node:crypto";
import type { Campaign, Participant, Reward } from "@/db/schema";
import {
  campaignSnapshot,
  rewardSnapshot,
  referrerSnapshot,
  userSnapshot,
  type EventData,
} from "@/lib/events/snapshot";

/** A reward a qualification earns, with its `reward.issued` event when the campaign issues at once. */
export type RewardGrant = { reward: Reward; issuedEvent: EventData | null };

/**
 * Names a lead in grant keys by what survives its deletion: lowercase hex SHA-256 of
 * `<campaign id>:<email>` (the email as stored, lower-cased). A lead deleted and added again with
 * the same email gets a new id but the same fingerprint, so it cannot earn a second reward.
 * Migration 0006 computes the same thing in SQL to rewrite the keys that held lead ids.
 */
export function leadFingerprint(campaignId: string, email: string): string {
  return hash("sha256", `${campaignId}:${email}`, "hex");
}

/**
 * The campaign's reward rule applied to a lead that is qualifying, as rows ready to insert. Each
 * reward has a grant key (what earned it), unique per campaign, so qualifying the same lead
 * again after an unqualify, or after it was deleted and added again, never grants a second
 * reward. `referrersQualifiedLeads` is the referrer's qualified leads with this one, counted
 * under the referrer's lock (every-N rules); a milestone's key is the referrer's, so reaching the
 * same count again after a deleted lead is replaced grants nothing.
 */
export function planRewardGrants(input: {
  campaign: Campaign;
  lead: Participant;
  referrer: Participant | null;
  referrersQualifiedLeads?: number;
  now: Date;
}): RewardGrant[] {
  const { campaign, lead, referrer, now } = input;
  const grants: { recipient: Participant; description: string; grantKey: string }[] = [];
  const leadKey = `lead:${leadFingerprint(lead.campaignId, lead.email)}`;
  if (referrer) {
    if (campaign.rewardMode === "per_lead") {
      grants.push({ recipient: referrer, description: campaign.referrerReward, grantKey: `${leadKey}:referrer` });
    } else {
      const qualified = input.referrersQualifiedLeads ?? 0;
      if (qualified > 0 && qualified % campaign.rewardEveryN === 0) {
        const milestone = qualified / campaign.rewardEveryN;
        grants.push({
          recipient: referrer,
          description: campaign.referrerReward,
          grantKey: `referrer:${referrer.id}:milestone:${milestone}`,
        });
      }
    }
  }
  if (campaign.leadReward)
    grants.push({ recipient: lead, description: campaign.leadReward, grantKey: `${leadKey}:lead` });

  return grants.map(({ recipient, description, grantKey }) => {
    const issued = campaign.autoIssueRewards;
    const reward: Reward = {
      id: randomUUID(),
      teamId: campaign.teamId,
      campaignId: campaign.id,
      recipientId: recipient.id,
      leadId: lead.id,
      description,
      grantKey,
      status: issued ? "issued" : "due",
      createdAt: now,
      issuedAt: issued ? now : null,
    };
    const recipientsReferrer = recipient.id === lead.id ? referrer : null;
    const issuedEvent: EventData | null = issued
      ? {
          user: userSnapshot(recipient),
          campaign: campaignSnapshot(campaign),
          referrer: recipientsReferrer ? referrerSnapshot(recipientsReferrer) : null,
          reward: rewardSnapshot(reward),
        }
      : null;
    return { reward, issuedEvent };
  });
}
