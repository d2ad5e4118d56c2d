"use client";

import { useState } from "react";
import { CheckCircle2 } from "lucide-react";
import { joinCampaignAction } from "@/app/(public)/_actions/join";
import { CopyButton } from "@/components/ui/copy-button";
import { useValidatedAction } from "@/components/ui/use-validated-action";
import { joinSchema } from "@/lib/participants/schemas";
import { PersonForm } from "./person-form";
import { UndisclosedNotice } from "./undisclosed-notice";

export function JoinForm({ campaignId }: { campaignId: string }) {
  // A new key starts the form afresh, with a state of its own.
  const [attempt, setAttempt] = useState(0);
  return <JoinAttempt key={attempt} campaignId={campaignId} onRetry={() => setAttempt((n) => n + 1)} />;
}

function JoinAttempt({ campaignId, onRetry }: { campaignId: string; onRetry: () => void }) {
  const form = useValidatedAction(joinSchema, joinCampaignAction, null);
  const answer = form.state?.ok ? form.state.value : undefined;

  if (answer?.outcome === "undisclosed") {
    return (
      <UndisclosedNotice title="Your link stays in the browser you joined with" onRetry={onRetry}>
        If this email is already in the campaign, its referral link is shown again only in the browser that joined with
        it. Open this page there, or ask the campaign&apos;s team to send you your link.
      </UndisclosedNotice>
    );
  }

  if (answer?.outcome === "joined") {
    const { firstName, referralLink, referralCode, returning } = answer;
    return (
      <div className="space-y-5" data-testid="joined">
        <div className="flex items-center gap-2 text-emerald-700">
          <CheckCircle2 className="size-5" aria-hidden />
          <p className="font-medium">
            {returning ? `Welcome back, ${firstName}! Here is your link.` : `You're in, ${firstName}!`}
          </p>
        </div>
        <p className="text-sm text-zinc-600">
          Share your referral link. When friends sign up through it and qualify, you earn your reward.
        </p>
        <div className="space-y-2">
          <p className="text-sm font-medium text-zinc-800">Your referral link</p>
          <div className="flex gap-2">
            <code
              className="min-w-0 flex-1 truncate rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-zinc-200"
              data-testid="referral-link"
            >
              {referralLink}
            </code>
            <CopyButton value={referralLink} />
          </div>
          <p className="text-xs text-zinc-500">
            Your referral code:{" "}
            <span className="font-mono text-zinc-700" data-testid="referral-code">
              {referralCode}
            </span>
          </p>
        </div>
      </div>
    );
  }

  return <PersonForm form={form} hidden={{ campaignId }} submitLabel="Get my referral link" pendingLabel="Joining…" />;
}
