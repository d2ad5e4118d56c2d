import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation, InvitedSignUp, SignOutToSwitch } from "@/components/team/invitation-response";
import { getDb } from "@/db/client";
import { currentAccount } from "@/lib/auth/session";
import { readInvitation } from "@/lib/teams/invitations";
import { ROLE_LABELS } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Invitation" };

const CLOSED = {
  expired: [
    "This invitation has expired",
    "Invitations work for 7 days. Ask the person who invited you for a new one.",
  ],
  revoked: ["This invitation was revoked", "Ask the person who invited you for a new one."],
  used: ["This invitation has been used", "Each invitation works once. Sign in if it was yours."],
  unknown: ["This invitation link is not valid", "Check that you copied the whole link."],
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, account] = await Promise.all([readInvitation(await getDb(), token), currentAccount()]);
  if (invitation.status !== "valid") {
    const [title, body] = CLOSED[invitation.status];
    return (
      <div className="space-y-3" data-testid="invitation-closed">
        <h1 className="text-xl font-semibold text-zinc-900">{title}</h1>
        <p className="text-sm text-zinc-600">{body}</p>
        <Link href="/sign-in" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Go to sign in
        </Link>
      </div>
    );
  }
  const who = invitation.invitedBy ?? "Someone";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold text-zinc-900">Join {invitation.teamName}</h1>
        <p className="mt-1 text-sm text-zinc-600">
          {who} invited <strong className="font-medium text-zinc-900">{invitation.email}</strong> to join as{" "}
          {ROLE_LABELS[invitation.role]}.
        </p>
      </div>
      {!account ? (
        <InvitedSignUp token={token} email={invitation.email} />
      ) : account.marketer.email === invitation.email ? (
        <AcceptInvitation token={token} />
      ) : (
        <div className="space-y-3">
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            You are signed in as {account.marketer.email}. This invitation is for {invitation.email}: sign out, then
            open the link again.
          </p>
          <SignOutToSwitch />
        </div>
      )}
    </div>
  );
}
