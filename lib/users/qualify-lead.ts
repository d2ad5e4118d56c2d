import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, participants, type Campaign, type Participant } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { fail, notFound, ok, type Result } from "@/lib/errors/result";
import { recordEvent } from "@/lib/events/record-event";
import { campaignSnapshot, userSnapshot } from "@/lib/events/snapshot";
import { grantRewardsForQualifiedLead } from "@/lib/rewards/grant-rewards";
import { leadRefCondition, type LeadRef } from "./lead-ref";

/** `changed` is false when the lead was already in the asked-for state (nothing was written). */
export type Qualification = { lead: Participant; alreadyQualified: boolean; changed: boolean };

/**
 * Pending → Qualified, with its `lead.qualified` event and any rewards, in one transaction.
 * The conditional UPDATE is the lock: of many concurrent calls exactly one changes the row,
 * and only that one writes the event and grants rewards.
 */
export async function qualifyLead({ db, teamId }: TeamContext, ref: LeadRef): Promise<Result<Qualification>> {
  return db.transaction((tx) => qualifyLeadWithin(tx, teamId, ref));
}

/**
 * The same, inside the caller's transaction (the inbound webhook writes its request log in it).
 * `campaign` saves a read when the caller already has it.
 */
export async function qualifyLeadWithin(tx: Db, teamId: string, ref: LeadRef, campaign?: Campaign): Promise<Result<Qualification>> {
  const match = leadRefCondition(ref);
  if (!match) return notFound("Lead");
  const [lead] = await tx
    .update(participants)
    .set({ status: "qualified", qualifiedAt: new Date() })
    .where(ownedBy(participants, teamId, match, eq(participants.kind, "lead"), eq(participants.status, "pending")))
    .returning();
  if (!lead) return explainNoChange(tx, teamId, match, true);

  const leadCampaign = campaign?.id === lead.campaignId ? campaign : (await tx.select().from(campaigns).where(eq(campaigns.id, lead.campaignId)))[0]!;
  const referrer = lead.referrerId ? await lockParticipant(tx, lead.referrerId) : null;
  await recordEvent(tx, {
    teamId,
    campaignId: lead.campaignId,
    type: "lead.qualified",
    data: { user: userSnapshot(lead), campaign: campaignSnapshot(leadCampaign), referrer: referrer ? userSnapshot(referrer) : null },
  });
  await grantRewardsForQualifiedLead(tx, { campaign: leadCampaign, lead, referrer });
  return ok({ lead, alreadyQualified: false, changed: true });
}

/** Qualified → Pending. No event (none is in the catalogue); the time is kept on the lead. */
export async function unqualifyLead({ db, teamId }: TeamContext, ref: LeadRef): Promise<Result<Qualification>> {
  const match = leadRefCondition(ref);
  if (!match) return notFound("Lead");
  const [lead] = await db
    .update(participants)
    .set({ status: "pending", qualifiedAt: null, unqualifiedAt: new Date() })
    .where(ownedBy(participants, teamId, match, eq(participants.kind, "lead"), eq(participants.status, "qualified")))
    .returning();
  if (!lead) return explainNoChange(db, teamId, match, false);
  return ok({ lead, alreadyQualified: false, changed: true });
}

/** Nothing changed: the lead is already in that state, is a referrer, or does not exist here. */
async function explainNoChange(db: Db, teamId: string, match: NonNullable<ReturnType<typeof leadRefCondition>>, qualifying: boolean) {
  const [found] = await db.select().from(participants).where(ownedBy(participants, teamId, match));
  if (!found) return notFound("Lead");
  if (found.kind !== "lead") return fail("invalid", "That code belongs to a referrer, not a lead");
  return ok({ lead: found, alreadyQualified: qualifying && found.status === "qualified", changed: false });
}

/** Serialises reward counting per referrer: concurrent qualifications of their leads queue here. */
async function lockParticipant(tx: Db, id: string): Promise<Participant | null> {
  const [row] = await tx.select().from(participants).where(eq(participants.id, id)).for("update");
  return row ?? null;
}
