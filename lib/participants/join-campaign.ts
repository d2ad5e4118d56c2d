import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, type Campaign, type Participant } from "@/db/schema";
import { getPublicCampaign } from "@/lib/campaigns/get-campaign";
import { invalid, notFound, ok, type Result } from "@/lib/errors/result";
import { insertParticipant, type Inserted } from "./insert-participant";
import { admitPublicSignUp } from "./public-sign-up-limits";
import { normalizeReferralCode } from "./referral-code";
import { joinSchema, type JoinInput } from "./schemas";

/** Who is asking on a public form. */
export type Visitor = {
  /** The client's address, for the per-network limit; null when it cannot be told. */
  address: string | null;
  /** The participants this browser joined as, from its signed cookie (`readJoinedCookie`). */
  joinedAs: readonly string[];
};

/**
 * What a public form may tell its visitor. A new person gets their participant; someone already
 * in the campaign gets theirs again only in the browser that joined as them. Anyone else who
 * types an email that is already in the campaign learns nothing about that person, not even
 * that they exist: the answer carries no participant, and nothing is written.
 */
export type PublicAnswer =
  | { outcome: "joined"; participant: Participant }
  | { outcome: "returning"; participant: Participant }
  | { outcome: "undisclosed" };

function answer(inserted: Inserted, kind: Participant["kind"], visitor: Visitor): PublicAnswer {
  if (inserted.created) return { outcome: "joined", participant: inserted.participant };
  const { participant } = inserted;
  const ownedHere = participant.kind === kind && visitor.joinedAs.includes(participant.id);
  return ownedHere ? { outcome: "returning", participant } : { outcome: "undisclosed" };
}

/**
 * The public join page: a person becomes a referrer (source Direct). The sign-up limits are
 * counted before anything is written.
 */
export async function joinCampaign(
  db: Db,
  campaignId: string,
  input: JoinInput,
  visitor: Visitor,
  now = Date.now(),
): Promise<Result<PublicAnswer>> {
  const parsed = joinSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const campaign = await getPublicCampaign(db, campaignId);
  if (!campaign) return notFound("Campaign");
  const refused = await admitPublicSignUp(db, campaign.id, visitor.address, now);
  if (refused) return refused;
  const inserted = await db.transaction((tx) =>
    insertParticipant(tx, { campaign, kind: "referrer", source: "Direct", ...parsed.data }),
  );
  return ok(answer(inserted, "referrer", visitor));
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

/**
 * A friend signs up through a referral link and becomes a lead (source Referred), under the
 * same limits and the same discretion as the join page.
 */
export async function signUpThroughReferral(
  db: Db,
  code: string,
  input: JoinInput,
  visitor: Visitor,
  now = Date.now(),
): Promise<Result<PublicAnswer & { campaign: Campaign }>> {
  const parsed = joinSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const invitation = await getInvitation(db, code);
  if (!invitation) return notFound("Referral link");
  const { campaign, referrer } = invitation;
  const refused = await admitPublicSignUp(db, campaign.id, visitor.address, now);
  if (refused) return refused;
  const inserted = await db.transaction((tx) =>
    insertParticipant(tx, { campaign, referrer, kind: "lead", source: "Referred", ...parsed.data }),
  );
  return ok({ ...answer(inserted, "lead", visitor), campaign });
}
