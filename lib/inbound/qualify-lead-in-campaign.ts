import type { Db } from "@/db/client";
import type { Campaign, Participant } from "@/db/schema";
import { qualifyLeadWithin } from "@/lib/users/qualify-lead";
import { inboundFailure, type InboundFailure } from "./inbound-errors";

export type InboundQualification = { ok: true; lead: Participant; alreadyQualified: boolean } | InboundFailure;

/**
 * Qualifies the lead with this code in the token's campaign only, through the same
 * `qualifyLeadWithin` as the dashboard and the API. `alsoWrite` runs in the same transaction
 * with the outcome (the request log), so the hot path pays one commit for both.
 */
export async function qualifyLeadInCampaign(
  db: Db,
  campaign: Campaign,
  referralCode: string,
  alsoWrite?: (tx: Db, outcome: InboundQualification) => Promise<void>,
): Promise<InboundQualification> {
  return db.transaction(async (tx) => {
    const result = await qualifyLeadWithin(tx, campaign.teamId, { referralCode, campaignId: campaign.id }, campaign);
    const outcome: InboundQualification = result.ok
      ? { ok: true, lead: result.value.lead, alreadyQualified: result.value.alreadyQualified }
      : inboundFailure(result.code === "not_found" ? "unknown_referral_code" : "not_a_lead");
    await alsoWrite?.(tx, outcome);
    return outcome;
  });
}
