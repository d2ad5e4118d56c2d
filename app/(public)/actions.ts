"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { relayOutboxAfterResponse } from "@/inngest/dispatch";
import type { FormState } from "@/components/ui/form-state";
import { joinCampaign, signUpThroughReferral } from "@/lib/users/join-campaign";
import { referralLink } from "@/lib/users/referral-link";

export type JoinState = FormState & { joined?: { firstName: string; referralCode: string; referralLink: string; returning: boolean } };

export async function joinCampaignAction(campaignId: string, _: JoinState, form: FormData): Promise<JoinState> {
  const input = { firstName: String(form.get("firstName") ?? ""), email: String(form.get("email") ?? "") };
  const result = await joinCampaign(await getDb(), campaignId, input);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: input };
  const { participant, created } = result.value;
  if (created) relayOutboxAfterResponse();
  return { joined: { firstName: participant.firstName, referralCode: participant.referralCode, referralLink: referralLink(participant.referralCode), returning: !created } };
}

export async function acceptInvitationAction(code: string, _: FormState, form: FormData): Promise<FormState> {
  const input = { firstName: String(form.get("firstName") ?? ""), email: String(form.get("email") ?? "") };
  const result = await signUpThroughReferral(await getDb(), code, input);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: input };
  if (result.value.created) relayOutboxAfterResponse();
  // On to the marketer's own site, carrying the lead's code so it can qualify the lead later.
  const destination = new URL(result.value.campaign.landingUrl);
  destination.searchParams.set("referral_code", result.value.participant.referralCode);
  redirect(destination.toString());
}
