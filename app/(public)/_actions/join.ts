"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/action-wrappers";
import { clientAddress } from "@/lib/http/client-address";
import { joinCampaign, signUpThroughReferral, type Visitor } from "@/lib/participants/join-campaign";
import { JOINED_COOKIE, joinedCookie, readJoinedCookie } from "@/lib/participants/joined-cookie";
import { referralLink } from "@/lib/participants/referral-link";
import { joinSchema } from "@/lib/participants/schemas";

/**
 * What the join page shows after a sign-up: the referrer's link, or, when the email may or may not
 * be in the campaign already, a notice that does not say which.
 */
export type JoinAnswer =
  | { outcome: "joined"; firstName: string; referralCode: string; referralLink: string; returning: boolean }
  | { outcome: "undisclosed" };

/** On a referral link a sign-up goes on to the campaign's site; only an undisclosed answer comes back. */
export type InvitationAnswer = { outcome: "undisclosed"; continueTo: string };

async function currentVisitor(): Promise<Visitor> {
  return {
    address: clientAddress(await headers()),
    joinedAs: readJoinedCookie((await cookies()).get(JOINED_COOKIE)?.value),
  };
}

/** The browser that joined as someone is the one that may see their link or code again. */
async function rememberJoined(visitor: Visitor, participantId: string) {
  (await cookies()).set(joinedCookie(visitor.joinedAs, participantId));
}

export const joinCampaignAction = publicAction(
  { name: "joinCampaign", schema: z.object({ campaignId: z.string() }).and(joinSchema) },
  async ({ campaignId, ...person }) => {
    const visitor = await currentVisitor();
    const result = await joinCampaign(await getDb(), campaignId, person, visitor);
    if (!result.ok) return failedWith(result);
    const answer = result.value;
    if (answer.outcome === "undisclosed") return succeeded<JoinAnswer>({ outcome: "undisclosed" });
    if (answer.outcome === "joined") await rememberJoined(visitor, answer.participant.id);
    const { firstName, referralCode } = answer.participant;
    return succeeded<JoinAnswer>({
      outcome: "joined",
      firstName,
      referralCode,
      referralLink: referralLink(referralCode),
      returning: answer.outcome === "returning",
    });
  },
);

export const acceptInvitationAction = publicAction(
  { name: "acceptInvitation", schema: z.object({ code: z.string() }).and(joinSchema) },
  async ({ code, ...person }) => {
    const visitor = await currentVisitor();
    const result = await signUpThroughReferral(await getDb(), code, person, visitor);
    if (!result.ok) return failedWith(result);
    const answer = result.value;
    // Without the code: it is the existing lead's, and this browser has not shown it owns it.
    if (answer.outcome === "undisclosed")
      return succeeded<InvitationAnswer>({ outcome: "undisclosed", continueTo: answer.campaign.landingUrl });
    if (answer.outcome === "joined") await rememberJoined(visitor, answer.participant.id);
    // On to the marketer's own site, carrying the lead's code so it can qualify the lead later.
    const destination = new URL(answer.campaign.landingUrl);
    destination.searchParams.set("referral_code", answer.participant.referralCode);
    redirect(destination.toString());
  },
);
