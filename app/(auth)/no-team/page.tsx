import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutToSwitch } from "@/components/team/invitation-response";
import { currentAccount } from "@/lib/auth/session";

export const metadata: Metadata = { title: "No team" };

/** Where a signed-in person lands once they belong to no team (removed from their last one). */
export default async function NoTeamPage() {
  const account = await currentAccount();
  if (!account) redirect("/sign-in");
  if (account.team) redirect("/campaigns");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">You are not in a team</h1>
      <p className="text-sm text-zinc-600">
        {account.marketer.email} no longer belongs to any team. Ask a team owner to invite you again; the invitation
        link brings you back.
      </p>
      <SignOutToSwitch />
    </div>
  );
}
