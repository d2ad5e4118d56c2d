import type { Db } from "@/db/client";
import type { Campaign, Participant } from "@/db/schema";
import type { Result } from "@/lib/errors/result";
import { qualifyLeadWithin, type Qualification } from "@/lib/users/qualify-lead";
import { inboundFailure, type InboundFailure } from "./inbound-errors";

export type InboundQualification = { ok: true; lead: Participant; alreadyQualified: boolean; changed: boolean } | InboundFailure;

/**
 * Qualifies the lead with this code in the token's campaign only, through the same
 * `qualifyLeadWithin` as the dashboard and the API. `alsoWrite` (the request log) commits in the
 * same transaction and is sent alongside the qualification's own writes, so the hot path pays
 * no extra round trip or commit for it.
 */
export async function qualifyLeadInCampaign(
  db: Db,
  campaign: Campaign,
  referralCode: string,
  alsoWrite?: (tx: Db, outcome: InboundQualification) => Promise<void>,
): Promise<InboundQualification> {
  let outcome: InboundQualification | undefined;
  await db.transaction((tx) =>
    qualifyLeadWithin(
      tx,
      campaign.teamId,
      { referralCode, campaignId: campaign.id },
      {
        campaign,
        alongside: async (result) => {
          outcome = toInbound(result);
          await alsoWrite?.(tx, outcome);
        },
      },
    ),
  );
  return outcome!;
}

function toInbound(result: Result<Qualification>): InboundQualification {
  if (!result.ok) return inboundFailure(result.code === "not_found" ? "unknown_referral_code" : "not_a_lead");
  return { ok: true, ...result.value };
}
