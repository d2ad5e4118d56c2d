import type { Campaign, Participant, Reward } from "@/db/schema";
import type { CampaignSnapshot, ReferrerSnapshot, RewardSnapshot, UserSnapshot } from "./contract";
import { referralLink } from "@/lib/participants/referral-link";

// The shapes are the event contract's (contract.ts), so what is built here is what is published.
export type { CampaignSnapshot, EventData, RewardSnapshot, UserSnapshot } from "./contract";

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function userSnapshot(p: Participant): UserSnapshot {
  const base = {
    id: p.id,
    first_name: p.firstName,
    email: p.email,
    referral_code: p.referralCode,
    source: p.source,
    referral_link: referralLink(p.referralCode),
    joined_at: iso(p.joinedAt),
  };
  if (p.kind !== "lead") return { ...base, type: "referrer" };
  return {
    ...base,
    type: "lead",
    status: p.status ?? "pending",
    qualified_at: p.qualifiedAt ? iso(p.qualifiedAt) : null,
  };
}

/** A lead's referrer (`referrer_id` only ever points at a referrer). */
export function referrerSnapshot(p: Participant): ReferrerSnapshot {
  const snapshot = userSnapshot(p);
  if (snapshot.type !== "referrer") throw new Error(`participant ${p.id} is not a referrer`);
  return snapshot;
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
