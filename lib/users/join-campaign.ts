import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, type Campaign, type Participant } from "@/db/schema";
import { getPublicCampaign } from "@/lib/campaigns/get-campaign";
import { invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { insertParticipant } from "./insert-participant";
import { normalizeReferralCode } from "./referral-code";
import { joinSchema, type JoinInput } from "./schemas";

export type Joined = { participant: Participant; created: boolean };

/** The public join page: a person becomes a referrer (source Direct), or gets their link back. */
export async function joinCampaign(db: Db, campaignId: string, input: JoinInput): Promise<Result<Joined>> {
  const parsed = joinSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const campaign = await getPublicCampaign(db, campaignId);
  if (!campaign) return notFound("Campaign");
  const result = await db.transaction((tx) =>
    insertParticipant(tx, { campaign, kind: "referrer", source: "Direct", ...parsed.data }),
  );
  return ok({ participant: result.participant, created: result.created });
}

export type Invitation = { campaign: Campaign; referrer: Participant };

/** The referral link's page: whose invitation this is. Only referrers' codes invite. */
export async function getInvitation(db: Db, code: string): Promise<Invitation | null> {
  const rows = await db
    .select()
    .from(participants)
    .where(and(eq(participants.referralCode, normalizeReferralCode(code)), eq(participants.kind, "referrer")));
  const referrer = rows[0];
  if (!referrer) return null;
  const campaign = await getPublicCampaign(db, referrer.campaignId);
  return campaign ? { campaign, referrer } : null;
}

/** A friend signs up through a referral link and becomes a lead (source Referred). */
export async function signUpThroughReferral(db: Db, code: string, input: JoinInput): Promise<Result<Joined & { campaign: Campaign }>> {
  const parsed = joinSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const invitation = await getInvitation(db, code);
  if (!invitation) return notFound("Referral link");
  const { campaign, referrer } = invitation;
  const result = await db.transaction((tx) =>
    insertParticipant(tx, { campaign, referrer, kind: "lead", source: "Referred", ...parsed.data }),
  );
  return ok({ participant: result.participant, created: result.created, campaign });
}
