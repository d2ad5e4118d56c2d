import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, type Campaign, type Participant, type ParticipantSource } from "@/db/schema";
import { recordEvent } from "@/lib/outbox/record-event";
import { campaignSnapshot, referrerSnapshot, userSnapshot } from "@/lib/events/snapshot";
import { newReferralCode } from "./referral-code";

export type NewParticipant = {
  campaign: Campaign;
  kind: "referrer" | "lead";
  firstName: string;
  email: string;
  source: ParticipantSource;
  referrer?: Participant | null;
};

export type Inserted = { created: true; participant: Participant } | { created: false; participant: Participant };

/**
 * Adds a referrer or lead and writes its events (`user.joined` and `referrer.joined` or
 * `lead.created`) in the caller's transaction. An email already in the campaign is not an
 * error here: the existing participant comes back with `created: false`.
 */
export async function insertParticipant(tx: Db, input: NewParticipant): Promise<Inserted> {
  const { campaign, kind, firstName, email, source, referrer } = input;
  for (let attempt = 0; attempt < 5; attempt++) {
    // ON CONFLICT DO NOTHING keeps the transaction usable whichever unique key collides.
    const [participant] = await tx
      .insert(participants)
      .values({
        teamId: campaign.teamId,
        campaignId: campaign.id,
        kind,
        firstName,
        email,
        source,
        referralCode: newReferralCode(),
        referrerId: kind === "lead" ? (referrer?.id ?? null) : null,
        status: kind === "lead" ? "pending" : null,
      })
      .onConflictDoNothing()
      .returning();
    if (participant) {
      await recordJoinEvents(tx, campaign, participant, referrer ?? null);
      return { created: true, participant };
    }
    const [existing] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.campaignId, campaign.id), eq(participants.email, email)));
    if (existing) return { created: false, participant: existing };
    // Otherwise the referral code collided: draw another.
  }
  throw new Error("Could not allocate a unique referral code");
}

async function recordJoinEvents(tx: Db, campaign: Campaign, participant: Participant, referrer: Participant | null) {
  const data = {
    user: userSnapshot(participant),
    campaign: campaignSnapshot(campaign),
    referrer: referrer ? referrerSnapshot(referrer) : null,
  };
  const base = { teamId: campaign.teamId, campaignId: campaign.id, data };
  await recordEvent(tx, { ...base, type: "user.joined" });
  await recordEvent(tx, { ...base, type: participant.kind === "referrer" ? "referrer.joined" : "lead.created" });
}
