"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { requireMarketer } from "@/lib/auth/session";
import { createCampaign, updateCampaign } from "@/lib/campaigns/save-campaign";

export async function saveCampaignAction(campaignId: string | null, _: FormState, form: FormData): Promise<FormState> {
  const ctx = await requireMarketer();
  const input = {
    name: String(form.get("name") ?? ""),
    landingUrl: String(form.get("landingUrl") ?? ""),
    referrerReward: String(form.get("referrerReward") ?? ""),
    leadReward: String(form.get("leadReward") ?? ""),
    rewardMode: String(form.get("rewardMode") ?? "per_lead") as "per_lead" | "every_n",
    rewardEveryN: String(form.get("rewardEveryN") ?? "1"),
    autoIssueRewards: form.get("autoIssueRewards") === "on",
  };
  const result = campaignId ? await updateCampaign(ctx, campaignId, input) : await createCampaign(ctx, input);
  if (!result.ok) {
    const values = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)]));
    return { message: result.message, fieldErrors: result.fieldErrors, values };
  }
  revalidatePath("/campaigns", "layout");
  if (campaignId) return { message: "saved" };
  redirect(`/campaigns/${result.value.id}`);
}
