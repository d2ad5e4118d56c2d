"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { relayOutboxAfterResponse } from "@/inngest/dispatch";
import type { FormState } from "@/components/ui/form-state";
import { clientAddress } from "@/lib/http/client-address";
import { joinCampaign, signUpThroughReferral, type Visitor } from "@/lib/users/join-campaign";
import { JOINED_COOKIE, joinedCookie, readJoinedCookie } from "@/lib/users/joined-cookie";
import { referralLink } from "@/lib/users/referral-link";

export type JoinState = FormState & {
  joined?: { firstName: string; referralCode: string; referralLink: string; returning: boolean };
  /** The email may or may not be in the campaign already; the answer does not say which. */
  undisclosed?: true;
};

export type InvitationState = FormState & { undisclosed?: { continueTo: string } };

async function currentVisitor(): Promise<Visitor> {
  return { address: clientAddress(await headers()), joinedAs: readJoinedCookie((await cookies()).get(JOINED_COOKIE)?.value) };
}

/** The browser that joined as someone is the one that may see their link or code again. */
async function rememberJoined(visitor: Visitor, participantId: string) {
  (await cookies()).set(joinedCookie(visitor.joinedAs, participantId));
}

export async function joinCampaignAction(campaignId: string, _: JoinState, form: FormData): Promise<JoinState> {
  const input = { firstName: String(form.get("firstName") ?? ""), email: String(form.get("email") ?? "") };
  const visitor = await currentVisitor();
  const result = await joinCampaign(await getDb(), campaignId, input, visitor);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: input };
  const answer = result.value;
  if (answer.outcome === "undisclosed") return { undisclosed: true };
  if (answer.outcome === "joined") {
    await rememberJoined(visitor, answer.participant.id);
    relayOutboxAfterResponse();
  }
  const { firstName, referralCode } = answer.participant;
  return { joined: { firstName, referralCode, referralLink: referralLink(referralCode), returning: answer.outcome === "returning" } };
}

export async function acceptInvitationAction(code: string, _: InvitationState, form: FormData): Promise<InvitationState> {
  const input = { firstName: String(form.get("firstName") ?? ""), email: String(form.get("email") ?? "") };
  const visitor = await currentVisitor();
  const result = await signUpThroughReferral(await getDb(), code, input, visitor);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: input };
  const answer = result.value;
  // Without the code: it is the existing lead's, and this browser has not shown it owns it.
  if (answer.outcome === "undisclosed") return { undisclosed: { continueTo: answer.campaign.landingUrl } };
  if (answer.outcome === "joined") {
    await rememberJoined(visitor, answer.participant.id);
    relayOutboxAfterResponse();
  }
  // On to the marketer's own site, carrying the lead's code so it can qualify the lead later.
  const destination = new URL(answer.campaign.landingUrl);
  destination.searchParams.set("referral_code", answer.participant.referralCode);
  redirect(destination.toString());
}
