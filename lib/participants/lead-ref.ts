import { and, eq, type SQL } from "drizzle-orm";
import { participants } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { normalizeReferralCode } from "./referral-code";

/** How callers name a lead: the dashboard by id, webhooks by code, the API by any of these. */
export type LeadRef =
  { id: string } | { referralCode: string; campaignId?: string } | { email: string; campaignId: string };

/** The WHERE condition for a lead reference, or null when it can match nothing. */
export function leadRefCondition(ref: LeadRef): SQL | null {
  if ("id" in ref) return isUuid(ref.id) ? eq(participants.id, ref.id) : null;
  if ("referralCode" in ref) {
    const byCode = eq(participants.referralCode, normalizeReferralCode(ref.referralCode));
    if (ref.campaignId === undefined) return byCode;
    return isUuid(ref.campaignId) ? (and(eq(participants.campaignId, ref.campaignId), byCode) as SQL) : null;
  }
  if (!isUuid(ref.campaignId)) return null;
  return and(
    eq(participants.campaignId, ref.campaignId),
    eq(participants.email, ref.email.trim().toLowerCase()),
  ) as SQL;
}
