"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { IMPORT_CHUNK_ROWS, IMPORT_MAX_ROWS, importRowSchema, tooManyRows } from "@/lib/participants/import-csv";
import { checkImport, importRows } from "@/lib/participants/import-participants";
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

const importInput = (maxRows: number) =>
  inCampaign.extend({ rows: z.array(importRowSchema).min(1, "The file has no rows").max(maxRows, tooManyRows) });

/** An import's first step: the whole file's rows, checked; nothing is written. */
export const checkImportAction = teamAction(
  { name: "checkImport", permission: "runProgram", schema: importInput(IMPORT_MAX_ROWS) },
  async ({ campaignId, rows }, ctx) => {
    const result = await checkImport(ctx, campaignId, rows);
    return result.ok ? succeeded(result.value) : failedWith(result);
  },
);

/** Then each chunk of the checked file, in a transaction of its own (see runImport). */
export const importRowsAction = teamAction(
  { name: "importRows", permission: "runProgram", schema: importInput(IMPORT_CHUNK_ROWS) },
  async ({ campaignId, rows }, ctx) => {
    const result = await importRows(ctx, campaignId, rows);
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(result.value);
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
