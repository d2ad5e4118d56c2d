import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, type Campaign, type Participant } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { fail, notFound, ok, type Failure, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import {
  IMPORT_MAX_ROWS,
  parseImportCsv,
  tooManyRows,
  type ImportRow,
  type ImportSummary,
  type RowError,
} from "./import-csv";
import { insertParticipant } from "./insert-participant";
import { normalizeReferralCode } from "./referral-code";
import { addParticipantSchema } from "./schemas";

export { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportSummary, type RowError } from "./import-csv";

type ValidRow = { line: number; type: "referrer" | "lead"; firstName: string; email: string; referrer: string };

/**
 * Everything that can be known about rows before writing them, in three reads whatever their
 * number: each row against the add-user form's schema, emails repeated in the rows or already
 * in the campaign, and each lead's referrer, which must be a referrer of the campaign (by code,
 * email or id) or one on an earlier line. Returns the referrers found in the campaign, by the
 * reference that named them.
 */
async function checkRows(db: Db, campaign: Campaign, rows: ImportRow[], lockReferrers: boolean) {
  const rowErrors: RowError[] = [];
  const valid: ValidRow[] = [];
  for (const row of rows) {
    const result = addParticipantSchema.safeParse({
      type: row.type.trim().toLowerCase(),
      firstName: row.firstName,
      email: row.email,
      referrer: row.referrer,
    });
    if (result.success) valid.push({ line: row.line, ...result.data });
    else rowErrors.push({ row: row.line, message: result.error.issues.map((x) => x.message).join("; ") });
  }

  const lineOf = new Map<string, number>();
  for (const row of valid) {
    const first = lineOf.get(row.email);
    if (first !== undefined) rowErrors.push({ row: row.line, message: `${row.email} also appears on line ${first}` });
    else lineOf.set(row.email, row.line);
  }
  const emails = [...lineOf.keys()];
  const taken = emails.length
    ? await db
        .select({ email: participants.email })
        .from(participants)
        .where(and(eq(participants.campaignId, campaign.id), inArray(participants.email, emails)))
    : [];
  for (const { email } of taken)
    rowErrors.push({ row: lineOf.get(email)!, message: `${email} is already in the campaign` });

  const fileReferrers = new Map(valid.filter((r) => r.type === "referrer").map((r) => [r.email, r.line]));
  const refs = [...new Set(valid.filter((r) => r.type === "lead").map((r) => r.referrer))];
  const existing = await findReferrers(db, campaign, refs, lockReferrers);
  for (const row of valid) {
    if (row.type !== "lead" || existing.has(row.referrer)) continue;
    const referrerLine = fileReferrers.get(row.referrer.toLowerCase());
    if (referrerLine !== undefined && referrerLine < row.line) continue;
    rowErrors.push({
      row: row.line,
      message:
        referrerLine === undefined
          ? `No referrer with code or email "${row.referrer}"`
          : `Its referrer ${row.referrer} is on line ${referrerLine}; put referrers before their leads`,
    });
  }
  return { rowErrors, valid, existing };
}

/** The campaign's referrers named by any of `refs` (code, email or id), keyed by the ref as written. */
async function findReferrers(db: Db, campaign: Campaign, refs: string[], lock: boolean) {
  const found = new Map<string, Participant>();
  if (refs.length === 0) return found;
  const query = db
    .select()
    .from(participants)
    .where(
      ownedBy(
        participants,
        campaign.teamId,
        and(
          eq(participants.campaignId, campaign.id),
          eq(participants.kind, "referrer"),
          or(
            inArray(participants.referralCode, refs.map(normalizeReferralCode)),
            inArray(
              participants.email,
              refs.map((r) => r.toLowerCase()),
            ),
            refs.some(isUuid) ? inArray(participants.id, refs.filter(isUuid)) : undefined,
          ),
        ),
      ),
    );
  // While importing: a referrer cannot be deleted between this read and its leads' insert.
  const referrers = lock ? await query.for("key share") : await query;
  for (const ref of refs) {
    const code = normalizeReferralCode(ref);
    const email = ref.toLowerCase();
    const match = referrers.find((r) => r.id === ref || r.referralCode === code || r.email === email);
    if (match) found.set(ref, match);
  }
  return found;
}

function invalidRows(rowErrors: RowError[]): Failure {
  rowErrors.sort((a, b) => a.row - b.row);
  const message = `${rowErrors.length} ${rowErrors.length === 1 ? "row has" : "rows have"} errors; nothing was imported`;
  return { ...fail("invalid", message), rowErrors };
}

const summarize = (rows: ValidRow[]): ImportSummary => ({
  referrers: rows.filter((r) => r.type === "referrer").length,
  leads: rows.filter((r) => r.type === "lead").length,
});

/**
 * The first step of an import: checks every row of the file and writes nothing. Either every
 * error with its line, or how many referrers and leads the file would add.
 */
export async function checkImport(
  ctx: TeamContext,
  campaignId: string,
  rows: ImportRow[],
): Promise<Result<ImportSummary>> {
  if (rows.length > IMPORT_MAX_ROWS) return fail("invalid", tooManyRows);
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  const { rowErrors, valid } = await checkRows(ctx.db, campaign, rows, false);
  return rowErrors.length ? invalidRows(rowErrors) : ok(summarize(valid));
}

/**
 * Writes rows (source Import) in one transaction, with their events: all of them, or, if any
 * row is wrong, none and every error with its line. The rows are checked again inside the
 * transaction, since the file's check may be minutes old. A lead's referrer may be in the
 * campaign already (an earlier chunk of the same file included) or on an earlier line here.
 */
export async function importRows(
  ctx: TeamContext,
  campaignId: string,
  rows: ImportRow[],
): Promise<Result<ImportSummary>> {
  if (rows.length > IMPORT_MAX_ROWS) return fail("invalid", tooManyRows);
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  return ctx.db
    .transaction(async (tx) => {
      const { rowErrors, valid, existing } = await checkRows(tx, campaign, rows, true);
      if (rowErrors.length) return invalidRows(rowErrors);
      const fromRows = new Map<string, Participant>();
      for (const row of valid) {
        const referrer =
          row.type === "lead" ? (existing.get(row.referrer) ?? fromRows.get(row.referrer.toLowerCase())!) : null;
        const { created, participant } = await insertParticipant(tx, {
          campaign,
          kind: row.type,
          firstName: row.firstName,
          email: row.email,
          source: "Import",
          referrer,
        });
        // Added since the check, by someone else: nothing of these rows is kept.
        if (!created)
          throw new RollbackWithErrors([{ row: row.line, message: `${row.email} is already in the campaign` }]);
        if (participant.kind === "referrer") fromRows.set(participant.email, participant);
      }
      return ok(summarize(valid));
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

/** A whole file in one transaction (scripts and tests); the dashboard checks first, then sends chunks. */
export async function importParticipants(
  ctx: TeamContext,
  campaignId: string,
  csv: string,
): Promise<Result<ImportSummary>> {
  const parsed = parseImportCsv(csv);
  if (!parsed.ok) return fail("invalid", parsed.message);
  if (parsed.rowErrors.length) {
    const checked = await checkImport(ctx, campaignId, parsed.rows);
    if (!checked.ok && !checked.rowErrors) return checked;
    return invalidRows([...parsed.rowErrors, ...((!checked.ok && checked.rowErrors) || [])]);
  }
  return importRows(ctx, campaignId, parsed.rows);
}
