import type { Campaign, Participant, Reward, Webhook } from "@/db/schema";
import { joinPageLink, referralLink } from "@/lib/participants/referral-link";
import type { z } from "zod";
import type { apiCampaign, apiReward, apiSubscription, apiUser } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toApiUser = (p: Participant): z.infer<typeof apiUser> => ({
  id: p.id,
  type: p.kind,
  campaign_id: p.campaignId,
  first_name: p.firstName,
  email: p.email,
  referral_code: p.referralCode,
  referral_link: referralLink(p.referralCode),
  source: p.source,
  joined_at: p.joinedAt.toISOString(),
  referrer_id: p.referrerId,
  status: p.status,
  qualified_at: iso(p.qualifiedAt),
});

export const toApiCampaign = (c: Campaign): z.infer<typeof apiCampaign> => ({
  id: c.id,
  name: c.name,
  landing_url: c.landingUrl,
  join_link: joinPageLink(c.id),
  referrer_reward: c.referrerReward,
  lead_reward: c.leadReward,
  reward_mode: c.rewardMode,
  reward_every_n: c.rewardEveryN,
  auto_issue_rewards: c.autoIssueRewards,
  created_at: c.createdAt.toISOString(),
});

export const toApiReward = (r: Reward): z.infer<typeof apiReward> => ({
  id: r.id,
  campaign_id: r.campaignId,
  recipient_id: r.recipientId,
  lead_id: r.leadId,
  description: r.description,
  status: r.status,
  created_at: r.createdAt.toISOString(),
  issued_at: iso(r.issuedAt),
});

export const toApiSubscription = (
  w: Pick<Webhook, "id" | "campaignId" | "name" | "url" | "event" | "sources" | "status" | "createdAt">,
): z.infer<typeof apiSubscription> => ({
  id: w.id,
  campaign_id: w.campaignId,
  name: w.name,
  url: w.url,
  event: w.event,
  sources: w.sources,
  status: w.status,
  created_at: w.createdAt.toISOString(),
});
