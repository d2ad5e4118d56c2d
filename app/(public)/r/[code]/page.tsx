import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { InvitationForm } from "@/components/public/invitation-form";
import { getInvitation } from "@/lib/participants/join-campaign";

export const metadata: Metadata = { title: "You're invited" };

export default async function InvitationPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const invitation = await getInvitation(await getDb(), code);
  if (!invitation) notFound();
  const { campaign, referrer } = invitation;
  return (
    <>
      <p className="text-sm font-medium text-indigo-600">{campaign.name}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900" data-testid="invitation-title">
        {referrer.firstName} invited you
      </h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600">
        {campaign.leadReward ? (
          <>
            Sign up and get <strong className="text-zinc-900">{campaign.leadReward}</strong>.
          </>
        ) : (
          <>Sign up to continue to {new URL(campaign.landingUrl).hostname}.</>
        )}
      </p>
      <InvitationForm code={code} />
    </>
  );
}
