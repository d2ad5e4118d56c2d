"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { failed, failedWith } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/action-wrappers";
import { actingAs, requestOrigin, SYSTEM_ACTOR } from "@/lib/audit/audit-actor";
import { signIn } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/http/client-address";
import { switchSessionTeam } from "@/lib/auth/marketer-sessions";
import { currentAccount } from "@/lib/auth/session";
import { acceptInvitation, signUpWithInvitation } from "@/lib/teams/invitations";
import { invitedSignUpSchema } from "@/lib/teams/schemas";

/** Where the request came from, for the audit entry of the joining member. */
async function fromThisRequest<T>(work: () => Promise<T>): Promise<T> {
  const requestHeaders = await headers();
  const origin = requestOrigin(requestHeaders, clientAddress(requestHeaders));
  return actingAs({ ...SYSTEM_ACTOR, ...origin }, work);
}

/** The signed-in account accepts; its session then looks at the team it joined. */
export const acceptInvitationAction = publicAction(
  { name: "acceptInvitation", schema: z.object({ token: z.string() }) },
  async ({ token }) => {
    const account = await currentAccount();
    if (!account) return failed("Sign in to accept the invitation.");
    const result = await fromThisRequest(() => acceptInvitation(account.db, token, account.marketer));
    if (!result.ok) return failedWith(result);
    await switchSessionTeam(account.db, account.sessionId, account.marketer.id, result.value.teamId);
    redirect("/campaigns");
  },
);

/** A new account through the invitation, then signed in: it belongs to the invited team only. */
export const signUpWithInvitationAction = publicAction(
  { name: "signUpWithInvitation", schema: invitedSignUpSchema.extend({ token: z.string() }), omitValues: ["password"] },
  async ({ token, ...input }) => {
    const db = await getDb();
    const result = await fromThisRequest(() => signUpWithInvitation(db, token, input));
    if (!result.ok) return failedWith(result);
    await signIn("credentials", { email: result.value.email, password: input.password, redirectTo: "/campaigns" });
    return failed("Sign-in failed. Please sign in.");
  },
);
