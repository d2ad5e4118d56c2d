import { eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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

export type QualifyOptions = {
  /** Saves a read when the caller already has the lead's campaign. */
  campaign?: Campaign;
  /** Another write of the caller's (the inbound request log), sent alongside the event's. */
  alongside?: (result: Result<Qualification>) => Promise<void>;
};

/**
 * The same, inside the caller's transaction. The hot path is two round trips in it: one
 * statement that qualifies the lead (or reads it as it is) with its referrer, then the event,
 * rewards and the caller's own write sent together (postgres.js pipelines them on the
 * transaction's connection).
 */
export async function qualifyLeadWithin(tx: Db, teamId: string, ref: LeadRef, options: QualifyOptions = {}): Promise<Result<Qualification>> {
  const match = leadRefCondition(ref);
  const found = match ? await qualifyOrRead(tx, teamId, match) : null;
  if (!found || !found.changed) {
    // A pending lead left unchanged was qualified by a concurrent call after this statement
    // began: read it again to answer with the truth.
    const racedPending = found?.lead.kind === "lead" && found.lead.status === "pending";
    const settled = !found ? notFound("Lead") : racedPending ? await explainNoChange(tx, teamId, match, true) : explain(found.lead, true);
    await options.alongside?.(settled);
    return settled;
  }

  const { lead, referrer } = found;
  const result = ok({ lead, alreadyQualified: false, changed: true });
  const campaign = options.campaign?.id === lead.campaignId ? options.campaign : (await tx.select().from(campaigns).where(eq(campaigns.id, lead.campaignId)))[0]!;
  await Promise.all([
    recordEvent(tx, {
      teamId,
      campaignId: lead.campaignId,
      type: "lead.qualified",
      data: { user: userSnapshot(lead), campaign: campaignSnapshot(campaign), referrer: referrer ? userSnapshot(referrer) : null },
    }),
    grantRewardsForQualifiedLead(tx, { campaign, lead, referrer }),
    options.alongside?.(result),
  ]);
  return result;
}

const referrers = alias(participants, "referrer");

/**
 * One statement: the conditional UPDATE, and the lead with its referrer. The SELECT sees the
 * rows as they were when the statement began, so a lead this statement qualified still reads
 * as pending and gets the values the UPDATE wrote applied here.
 */
async function qualifyOrRead(tx: Db, teamId: string, match: SQL) {
  const qualifiedAt = new Date();
  const qualified = tx
    .$with("qualified")
    .as(
      tx
        .update(participants)
        .set({ status: "qualified", qualifiedAt })
        .where(ownedBy(participants, teamId, match, eq(participants.kind, "lead"), eq(participants.status, "pending")))
        .returning({ id: participants.id }),
    );
  const [row] = await tx
    .with(qualified)
    .select({ lead: participants, referrer: referrers, changed: sql<boolean>`exists (select 1 from ${qualified})`.mapWith(Boolean) })
    .from(participants)
    .leftJoin(referrers, eq(referrers.id, participants.referrerId))
    .where(ownedBy(participants, teamId, match));
  if (!row) return null;
  const lead: Participant = row.changed ? { ...row.lead, status: "qualified", qualifiedAt } : row.lead;
  return { lead, referrer: row.referrer, changed: row.changed };
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
async function explainNoChange(db: Db, teamId: string, match: SQL | null, qualifying: boolean): Promise<Result<Qualification>> {
  const [found] = match ? await db.select().from(participants).where(ownedBy(participants, teamId, match)) : [];
  return found ? explain(found, qualifying) : notFound("Lead");
}

function explain(found: Participant, qualifying: boolean): Result<Qualification> {
  if (found.kind !== "lead") return fail("invalid", "That code belongs to a referrer, not a lead");
  return ok({ lead: found, alreadyQualified: qualifying && found.status === "qualified", changed: false });
}
