"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failed, failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { IMPORT_MAX_BYTES, importParticipants } from "@/lib/participants/import-participants";
import { addParticipant } from "@/lib/participants/add-participant";
import { qualifyLead, unqualifyLead } from "@/lib/participants/qualify-lead";
import { addParticipantSchema } from "@/lib/participants/schemas";

const refresh = (campaignId: string) => revalidatePath(`/campaigns/${campaignId}`, "layout");

const inCampaign = z.object({ campaignId: z.string() });

export const addParticipantAction = teamAction(
  { name: "addParticipant", permission: "runProgram", schema: inCampaign.and(addParticipantSchema) },
  async ({ campaignId, ...user }, ctx) => {
    const result = await addParticipant(ctx, campaignId, user);
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(undefined, user.type === "referrer" ? "Referrer added" : "Lead added");
  },
);

const importInput = inCampaign.extend({ file: z.instanceof(File, { error: "Choose a CSV file to import" }) });

export const importParticipantsAction = teamAction(
  { name: "importParticipants", permission: "runProgram", schema: importInput },
  async ({ campaignId, file }, ctx) => {
    if (file.size === 0) return failed("Choose a CSV file to import");
    if (file.size > IMPORT_MAX_BYTES) return failed("The file is larger than 1 MB; split it into smaller files");
    const result = await importParticipants(ctx, campaignId, await file.text());
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(undefined, `Imported ${result.value.referrers} referrers and ${result.value.leads} leads`);
  },
);

export const setLeadQualifiedAction = teamAction(
  {
    name: "setLeadQualified",
    permission: "runProgram",
    schema: inCampaign.extend({ leadId: z.string(), qualified: z.boolean() }),
  },
  async ({ campaignId, leadId, qualified }, ctx) => {
    const result = qualified ? await qualifyLead(ctx, { id: leadId }) : await unqualifyLead(ctx, { id: leadId });
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(
      undefined,
      qualified
        ? result.value.alreadyQualified
          ? "Lead was already qualified"
          : "Lead qualified"
        : "Lead moved back to Pending",
    );
  },
);
