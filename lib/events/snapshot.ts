import type { Campaign, Participant, Reward } from "@/db/schema";
import { referralLink } from "@/lib/participants/referral-link";

/** A user as webhook payloads show it: snake_case, the shape receivers rely on. */
export type UserSnapshot = {
  id: string;
  type: "referrer" | "lead";
  first_name: string;
  email: string;
  referral_code: string;
  source: string;
  referral_link: string;
  joined_at: string;
  status?: "pending" | "qualified";
  qualified_at?: string | null;
};

export type CampaignSnapshot = { id: string; name: string };

export type RewardSnapshot = {
  id: string;
  description: string;
  status: "due" | "issued";
  /** Null once the recipient was deleted (such a reward can no longer be issued). */
  recipient_id: string | null;
  lead_id: string | null;
  created_at: string;
  issued_at: string | null;
};

/** What an outbox row stores: the payload's `data`, frozen at the moment of the change. */
export type EventData = {
  user: UserSnapshot;
  campaign: CampaignSnapshot;
  referrer: UserSnapshot | null;
  reward?: RewardSnapshot;
};

const iso = (d: Date | string) => new Date(d).toISOString();

export function userSnapshot(p: Participant): UserSnapshot {
  const base: UserSnapshot = {
    id: p.id,
    type: p.kind,
    first_name: p.firstName,
    email: p.email,
    referral_code: p.referralCode,
    source: p.source,
    referral_link: referralLink(p.referralCode),
    joined_at: iso(p.joinedAt),
  };
  if (p.kind !== "lead") return base;
  return { ...base, status: p.status ?? "pending", qualified_at: p.qualifiedAt ? iso(p.qualifiedAt) : null };
}

export const campaignSnapshot = (c: Pick<Campaign, "id" | "name">): CampaignSnapshot => ({ id: c.id, name: c.name });

export function rewardSnapshot(r: Reward): RewardSnapshot {
  return {
    id: r.id,
    description: r.description,
    status: r.status,
    recipient_id: r.recipientId,
    lead_id: r.leadId,
    created_at: iso(r.createdAt),
    issued_at: r.issuedAt ? iso(r.issuedAt) : null,
  };
}
