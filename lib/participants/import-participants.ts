import Papa from "papaparse";
import { and, eq, inArray } from "drizzle-orm";
import { participants, type Participant } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { fail, notFound, ok, type Failure, type Result } from "@/lib/errors/result";
import { findReferrer } from "./add-participant";
import { insertParticipant } from "./insert-participant";
import { addParticipantSchema } from "./schemas";

export const IMPORT_MAX_ROWS = 5_000;
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_COLUMNS = ["type", "first_name", "email", "referrer"] as const;

export type RowError = { row: number; message: string };
export type ImportSummary = { referrers: number; leads: number };

/**
 * CSV import (source Import): every row is checked first and, if any row is wrong, nothing is
 * written and every error is reported with its line number. A lead's referrer may be an
 * existing referrer or one earlier in the same file.
 */
export async function importParticipants(
  ctx: TeamContext,
  campaignId: string,
  csv: string,
): Promise<Result<ImportSummary>> {
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const missing = ["type", "first_name", "email"].filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length)
    return fail(
      "invalid",
      `The first line must name the columns ${IMPORT_COLUMNS.join(", ")} (missing: ${missing.join(", ")})`,
    );
  if (parsed.data.length === 0) return fail("invalid", "The file has no rows");
  if (parsed.data.length > IMPORT_MAX_ROWS) return fail("invalid", `Import at most ${IMPORT_MAX_ROWS} rows at a time`);

  const rowErrors: RowError[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, message: e.message }));
  const rows = parsed.data.map((raw, i) => {
    const result = addParticipantSchema.safeParse({
      type: raw.type?.trim().toLowerCase(),
      firstName: raw.first_name,
      email: raw.email,
      referrer: raw.referrer ?? "",
    });
    if (!result.success) rowErrors.push({ row: i + 2, message: result.error.issues.map((x) => x.message).join("; ") });
    return result.success ? result.data : null;
  });

  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!row) return;
    if (seen.has(row.email))
      rowErrors.push({ row: i + 2, message: `${row.email} also appears on line ${seen.get(row.email)}` });
    else seen.set(row.email, i + 2);
  });
  const emails = [...seen.keys()];
  const taken = emails.length
    ? await ctx.db
        .select({ email: participants.email })
        .from(participants)
        .where(and(eq(participants.campaignId, campaign.id), inArray(participants.email, emails)))
    : [];
  for (const { email } of taken)
    rowErrors.push({ row: seen.get(email)!, message: `${email} is already in the campaign` });
  if (rowErrors.length) return invalidRows(rowErrors);

  return ctx.db
    .transaction(async (tx) => {
      const fromFile = new Map<string, Participant>();
      const summary: ImportSummary = { referrers: 0, leads: 0 };
      const errors: RowError[] = [];
      for (const [i, row] of rows.entries()) {
        if (!row) continue;
        let referrer: Participant | null = null;
        if (row.type === "lead") {
          referrer = fromFile.get(row.referrer.toLowerCase()) ?? (await findReferrer(tx, campaign, row.referrer));
          if (!referrer) {
            errors.push({ row: i + 2, message: `No referrer with code or email "${row.referrer}"` });
            continue;
          }
        }
        const { participant } = await insertParticipant(tx, {
          campaign,
          kind: row.type,
          firstName: row.firstName,
          email: row.email,
          source: "Import",
          referrer,
        });
        if (participant.kind === "referrer") {
          fromFile.set(participant.email, participant);
          fromFile.set(participant.referralCode, participant);
        }
        summary[participant.kind === "referrer" ? "referrers" : "leads"]++;
      }
      if (errors.length) throw new RollbackWithErrors(errors);
      return ok(summary);
    })
    .catch((error) => {
      if (error instanceof RollbackWithErrors) return invalidRows(error.rowErrors);
      throw error;
    });
}

class RollbackWithErrors extends Error {
  constructor(readonly rowErrors: RowError[]) {
    super("import rolled back");
  }
}

function invalidRows(rowErrors: RowError[]): Failure {
  rowErrors.sort((a, b) => a.row - b.row);
  const message = `${rowErrors.length} row${rowErrors.length === 1 ? " has" : "s have"} errors; nothing was imported`;
  return { ...fail("invalid", message), rowErrors };
}
