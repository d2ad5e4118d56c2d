import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, type Campaign, type Participant, type ParticipantSource } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isApiWrite } from "@/lib/audit/api-writes";
import { recordAudit } from "@/lib/audit/record-audit";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { fail, invalid, notFound, ok, type Failure, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { personEntry } from "./audit-person";
import { insertParticipant } from "./insert-participant";
import { normalizeReferralCode } from "./referral-code";
import { addParticipantSchema, type AddParticipantInput } from "./schemas";

/** A marketer (source Added) or the REST API (source API) adds a referrer or a lead. */
export async function addParticipant(
  ctx: TeamContext,
  campaignId: string,
  input: AddParticipantInput,
  source: Extract<ParticipantSource, "Added" | "API"> = "Added",
): Promise<Result<Participant>> {
  const parsed = addParticipantSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  return ctx.db.transaction(async (tx) => {
    const { type, firstName, email, referrer: referrerRef } = parsed.data;
    let referrer: Participant | null = null;
    if (type === "lead") {
      referrer = await findReferrer(tx, campaign, referrerRef);
      if (!referrer)
        return fail("invalid", "Referrer not found", {
          referrer: "No referrer in this campaign has that code or email",
        });
    }
    const result = await insertParticipant(tx, { campaign, kind: type, firstName, email, source, referrer });
    if (!result.created) return duplicateEmail();
    if (isApiWrite()) await recordAudit(tx, ctx.teamId, { action: "user.created", ...personEntry(result.participant) });
    return ok(result.participant);
  });
}

export const duplicateEmail = (): Failure =>
  fail("conflict", "This email is already in the campaign", { email: "This email is already in the campaign" });

/** A referrer of this campaign by id, referral code or email. */
export async function findReferrer(tx: Db, campaign: Campaign, codeOrEmail: string): Promise<Participant | null> {
  const [referrer] = await tx
    .select()
    .from(participants)
    .where(
      ownedBy(
        participants,
        campaign.teamId,
        and(
          eq(participants.campaignId, campaign.id),
          eq(participants.kind, "referrer"),
          or(
            isUuid(codeOrEmail) ? eq(participants.id, codeOrEmail) : undefined,
            eq(participants.referralCode, normalizeReferralCode(codeOrEmail)),
            eq(participants.email, codeOrEmail.trim().toLowerCase()),
          ),
        ),
      ),
    );
  return referrer ?? null;
}
