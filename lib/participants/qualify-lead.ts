import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { auditEvents, campaigns, participants, type Campaign, type Participant } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isApiWrite } from "@/lib/audit/api-writes";
import { auditRow, recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import { fail, notFound, ok, type Result } from "@/lib/errors/result";
import { campaignSnapshot, referrerSnapshot, userSnapshot } from "@/lib/events/snapshot";
import { planRewardGrants } from "@/lib/rewards/plan-reward-grants";
import { personEntry } from "./audit-person";
import { leadRefCondition, type LeadRef } from "./lead-ref";
import { writeQualification, type RowIfQualified } from "./write-qualification";

/** `changed` is false when the lead was already in the asked-for state (nothing was written). */
export type Qualification = { lead: Participant; alreadyQualified: boolean; changed: boolean };

/** A lead as read, with its referrer: what a qualification's event and rewards are built from. */
export type FoundLead = { lead: Participant; referrer: Participant | null };

/**
 * Pending → Qualified, with its `lead.qualified` event and any rewards, committed together.
 * Of many concurrent calls exactly one changes the row, and only that one writes the event and
 * grants rewards.
 */
export async function qualifyLead({ db, teamId }: TeamContext, ref: LeadRef): Promise<Result<Qualification>> {
  const match = leadRefCondition(ref);
  return qualifyFoundLead(db, teamId, match ? await findLeadWithReferrer(db, teamId, match) : null);
}

export type QualifyOptions = {
  /** Saves a read when the caller already has the lead's campaign. */
  campaign?: Campaign;
  /** Rows of the caller's (the inbound request log) that commit only with the qualification. */
  alsoInsert?: RowIfQualified[];
};

/**
 * Qualifies a lead the caller has already read (the inbound webhook reads it with its token
 * check). The write is one statement that only takes effect if the lead is still pending; when
 * a concurrent call got there first, the lead is read again to answer with the truth.
 */
export async function qualifyFoundLead(
  db: Db,
  teamId: string,
  found: FoundLead | null,
  options: QualifyOptions = {},
): Promise<Result<Qualification>> {
  if (!found) return notFound("Lead");
  if (found.lead.kind !== "lead" || found.lead.status !== "pending") return explain(found.lead, true);
  const { referrer } = found;
  const now = new Date();
  const lead: Participant = { ...found.lead, status: "qualified", qualifiedAt: now };
  const campaign =
    options.campaign?.id === lead.campaignId
      ? options.campaign
      : (await db.select().from(campaigns).where(eq(campaigns.id, lead.campaignId)))[0]!;
  const event = {
    user: userSnapshot(lead),
    campaign: campaignSnapshot(campaign),
    referrer: referrer ? referrerSnapshot(referrer) : null,
  };
  // An API key's qualification is audited by the same statement: the entry exists only if the lead moved.
  const audit = isApiWrite() ? [{ table: auditEvents, row: auditRow(teamId, qualificationEntry(lead, true)) }] : [];
  const write = { lead, event, alsoInsert: [...(options.alsoInsert ?? []), ...audit] };

  const changed =
    campaign.rewardMode === "every_n" && referrer
      ? await db.transaction(async (tx) => {
          // Counting needs the referrer's lock: concurrent qualifications of their leads queue
          // here, and each counts after the one before it committed (this lead not yet among them).
          const counted = (await countQualifiedLeadsLocked(tx, referrer.id)) + 1;
          return writeQualification(tx, {
            ...write,
            grants: planRewardGrants({ campaign, lead, referrer, referrersQualifiedLeads: counted, now }),
          });
        })
      : await writeQualification(
          db,
          { ...write, grants: planRewardGrants({ campaign, lead, referrer, now }) },
          { prepare: true },
        );
  if (changed) return ok({ lead, alreadyQualified: false, changed: true });
  return explainNoChange(db, teamId, eq(participants.id, lead.id), true);
}

const referrers = alias(participants, "referrer");

/** The lead (by any reference) with its referrer, in one read. */
export async function findLeadWithReferrer(db: Db, teamId: string, match: SQL): Promise<FoundLead | null> {
  const [row] = await db
    .select({ lead: participants, referrer: referrers })
    .from(participants)
    .leftJoin(referrers, eq(referrers.id, participants.referrerId))
    .where(ownedBy(participants, teamId, match));
  return row ?? null;
}

async function countQualifiedLeadsLocked(tx: Db, referrerId: string): Promise<number> {
  await tx.select({ id: participants.id }).from(participants).where(eq(participants.id, referrerId)).for("update");
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(participants)
    .where(and(eq(participants.referrerId, referrerId), eq(participants.status, "qualified")));
  return row?.n ?? 0;
}

/** Qualified → Pending. No event (none is in the catalogue); the time is kept on the lead. */
export async function unqualifyLead({ db, teamId }: TeamContext, ref: LeadRef): Promise<Result<Qualification>> {
  const match = leadRefCondition(ref);
  if (!match) return notFound("Lead");
  const audited = isApiWrite();
  const unqualify = async (tx: Db) => {
    const [lead] = await tx
      .update(participants)
      .set({ status: "pending", qualifiedAt: null, unqualifiedAt: new Date() })
      .where(ownedBy(participants, teamId, match, eq(participants.kind, "lead"), eq(participants.status, "qualified")))
      .returning();
    if (lead && audited) await recordAudit(tx, teamId, qualificationEntry(lead, false));
    return lead;
  };
  const lead = audited ? await db.transaction(unqualify) : await unqualify(db);
  if (!lead) return explainNoChange(db, teamId, match, false);
  return ok({ lead, alreadyQualified: false, changed: true });
}

const qualificationEntry = (lead: Participant, qualified: boolean): AuditEntry => {
  const { subject, details } = personEntry(lead);
  return { action: "lead.qualification_set", subject, details: { ...details, qualified } };
};

/** Nothing changed: the lead is already in that state, is a referrer, or does not exist here. */
async function explainNoChange(
  db: Db,
  teamId: string,
  match: SQL | null,
  qualifying: boolean,
): Promise<Result<Qualification>> {
  const [found] = match
    ? await db
        .select()
        .from(participants)
        .where(ownedBy(participants, teamId, match))
    : [];
  return found ? explain(found, qualifying) : notFound("Lead");
}

function explain(found: Participant, qualifying: boolean): Result<Qualification> {
  if (found.kind !== "lead") return fail("invalid", "That code belongs to a referrer, not a lead");
  return ok({ lead: found, alreadyQualified: qualifying && found.status === "qualified", changed: false });
}
