"use client";

import { useEffect, useState } from "react";
import { toast } from "sonner";
import { saveCampaignAction } from "@/app/(dashboard)/_actions/campaigns";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClasses } from "@/components/ui/field";
import type { Campaign } from "@/db/schema";
import { campaignSchema } from "@/lib/campaigns/schemas";
import { useValidatedAction } from "@/components/ui/use-validated-action";

type Values = Pick<
  Campaign,
  | "name"
  | "landingUrl"
  | "referrerReward"
  | "leadReward"
  | "rewardMode"
  | "rewardEveryN"
  | "autoIssueRewards"
  | "timeZone"
>;

/** `timeZones` come from the server, so the options match whatever time zones this browser knows. */
export function CampaignForm({
  campaignId,
  initial,
  timeZones,
  readOnly = false,
}: {
  campaignId?: string;
  initial?: Values;
  timeZones: string[];
  /** For a role that may see the settings but not change them. */
  readOnly?: boolean;
}) {
  const { state, formAction, pending, errors, onSubmit, message, values } = useValidatedAction(
    campaignSchema,
    saveCampaignAction,
    null,
    (entries) => ({ ...entries, autoIssueRewards: entries.autoIssueRewards === "on" }),
  );
  const [mode, setMode] = useState(initial?.rewardMode ?? "per_lead");
  // After a failed submission, what was sent (an unticked box is not sent at all); before it, the saved campaign.
  const value = (key: keyof Values) => (values ? (values[key] ?? "") : String(initial?.[key] ?? ""));

  useEffect(() => {
    if (state?.ok && state.message) toast.success(state.message);
  }, [state]);

  return (
    <form action={formAction} noValidate className="space-y-6" onSubmit={onSubmit}>
      {campaignId ? <input type="hidden" name="campaignId" value={campaignId} /> : null}
      <FormError message={message} />
      {readOnly ? (
        <p className="rounded-md bg-zinc-100 px-4 py-3 text-sm text-zinc-700" data-testid="read-only-notice">
          Only Owners and Admins can change campaign settings.
        </p>
      ) : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Campaign name"
            name="name"
            required
            defaultValue={value("name")}
            error={errors.name}
            placeholder="Spring referral programme"
          />
          <Field
            label="Landing page URL"
            name="landingUrl"
            type="url"
            required
            defaultValue={value("landingUrl")}
            error={errors.landingUrl}
            placeholder="https://example.com/welcome"
            hint="Referral links send friends here, with their referral code as ?referral_code=…"
          />
        </div>
        <Field
          label="Time zone for reports"
          error={errors.timeZone}
          hint="The Overview's days start at midnight in this time zone."
          className="max-w-sm"
        >
          {(control) => (
            <select {...control} name="timeZone" defaultValue={value("timeZone") || "UTC"} className={inputClasses}>
              {timeZones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="space-y-5 rounded-lg border border-zinc-200 p-5">
          <legend className="px-1 text-sm font-semibold text-zinc-900">Reward rule</legend>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field
              label="Referrer gets"
              name="referrerReward"
              required
              defaultValue={value("referrerReward")}
              error={errors.referrerReward}
              placeholder="$20 account credit"
            />
            <Field
              label="Lead gets (optional)"
              name="leadReward"
              defaultValue={value("leadReward")}
              error={errors.leadReward}
              placeholder="10% off the first order"
            />
          </div>
          <div className="space-y-2">
            <p className="text-sm font-medium text-zinc-800" id="reward-mode-label">
              When
            </p>
            <div
              role="radiogroup"
              aria-labelledby="reward-mode-label"
              className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-700"
            >
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="rewardMode"
                  value="per_lead"
                  checked={mode === "per_lead"}
                  onChange={() => setMode("per_lead")}
                  className="accent-indigo-600"
                />
                For every qualified lead
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="rewardMode"
                  value="every_n"
                  checked={mode === "every_n"}
                  onChange={() => setMode("every_n")}
                  className="accent-indigo-600"
                />
                For every N qualified leads
              </label>
            </div>
          </div>
          {mode === "every_n" ? (
            <Field
              label="N (qualified leads per reward)"
              name="rewardEveryN"
              type="number"
              min={1}
              max={1000}
              defaultValue={value("rewardEveryN") || "3"}
              error={errors.rewardEveryN}
              className="max-w-48"
            >
              {(control) => (
                <input
                  {...control}
                  name="rewardEveryN"
                  type="number"
                  min={1}
                  max={1000}
                  defaultValue={value("rewardEveryN") || "3"}
                  className={inputClasses}
                />
              )}
            </Field>
          ) : null}
          <label className="flex items-start gap-2.5 text-sm text-zinc-700">
            <input
              type="checkbox"
              name="autoIssueRewards"
              defaultChecked={["true", "on"].includes(value("autoIssueRewards"))}
              className="mt-0.5 size-4 accent-indigo-600"
            />
            <span>
              <span className="font-medium text-zinc-900">Issue rewards automatically</span>
              <span className="block text-zinc-500">
                Otherwise rewards wait as Due until you issue them on the Rewards tab.
              </span>
            </span>
          </label>
        </fieldset>
      </fieldset>
      <div className={readOnly ? "hidden" : "flex justify-end"}>
        <Button type="submit" disabled={pending || readOnly}>
          {pending ? "Saving…" : campaignId ? "Save changes" : "Create campaign"}
        </Button>
      </div>
    </form>
  );
}
