"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { relayOutboxAfterResponse } from "@/inngest/dispatch";
import { requireMarketer } from "@/lib/auth/session";
import type { Failure } from "@/lib/errors/result";
import { issueReward } from "@/lib/rewards/issue-reward";
import { addUser } from "@/lib/users/add-user";
import { IMPORT_MAX_BYTES, importUsers } from "@/lib/users/import-users";
import { qualifyLead, unqualifyLead } from "@/lib/users/qualify-lead";

export type ActionResult = { ok: true; message: string } | { ok: false; message: string };
export type ImportState = FormState & { rowErrors?: Failure["rowErrors"]; imported?: string };

/** After a change: fresh pages, and its outbox events (when it wrote any) on their way to the webhooks. */
function refresh(campaignId: string, wroteEvents: boolean) {
  revalidatePath(`/campaigns/${campaignId}`, "layout");
  if (wroteEvents) relayOutboxAfterResponse();
}

export async function addUserAction(campaignId: string, _: FormState, form: FormData): Promise<FormState> {
  const ctx = await requireMarketer();
  const input = {
    type: String(form.get("type") ?? "") as "referrer" | "lead",
    firstName: String(form.get("firstName") ?? ""),
    email: String(form.get("email") ?? ""),
    referrer: String(form.get("referrer") ?? ""),
  };
  const result = await addUser(ctx, campaignId, input);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: input };
  refresh(campaignId, true);
  return { message: "added" };
}

export async function importUsersAction(campaignId: string, _: ImportState, form: FormData): Promise<ImportState> {
  const ctx = await requireMarketer();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { message: "Choose a CSV file to import" };
  if (file.size > IMPORT_MAX_BYTES) return { message: "The file is larger than 1 MB; split it into smaller files" };
  const result = await importUsers(ctx, campaignId, await file.text());
  if (!result.ok) return { message: result.message, rowErrors: result.rowErrors };
  refresh(campaignId, true);
  return { imported: `Imported ${result.value.referrers} referrers and ${result.value.leads} leads` };
}

export async function setLeadQualifiedAction(campaignId: string, leadId: string, qualified: boolean): Promise<ActionResult> {
  const ctx = await requireMarketer();
  const result = qualified ? await qualifyLead(ctx, { id: leadId }) : await unqualifyLead(ctx, { id: leadId });
  if (!result.ok) return { ok: false, message: result.message };
  // Only a qualification writes an event; unqualifying is recorded on the lead alone.
  refresh(campaignId, qualified && result.value.changed);
  return { ok: true, message: qualified ? (result.value.alreadyQualified ? "Lead was already qualified" : "Lead qualified") : "Lead moved back to Pending" };
}

export async function issueRewardAction(campaignId: string, rewardId: string): Promise<ActionResult> {
  const ctx = await requireMarketer();
  const result = await issueReward(ctx, rewardId);
  if (!result.ok) return { ok: false, message: result.message };
  refresh(campaignId, !result.value.alreadyIssued);
  return { ok: true, message: result.value.alreadyIssued ? "Reward was already issued" : "Reward issued" };
}
