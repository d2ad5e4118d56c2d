import Papa from "papaparse";
import { z } from "zod";

// Browser-safe: the import dialog reads the file and sends its rows in chunks with this module,
// and the server reads a whole file with the same parser (lib/participants/import-participants.ts).

export const IMPORT_MAX_ROWS = 5_000;
export const IMPORT_MAX_BYTES = 1_000_000;
/** Rows per request and per transaction once the file has been checked: the progress steps. */
export const IMPORT_CHUNK_ROWS = 500;
export const IMPORT_COLUMNS = ["type", "first_name", "email", "referrer"] as const;

export type RowError = { row: number; message: string };
export type ImportSummary = { referrers: number; leads: number };

// A cell longer than any valid value is already wrong; clipping it keeps a request's size bounded.
const cell = z.string().max(1_000);

/** A row as the file has it (text, unchecked), with its line in the file for error messages. */
export const importRowSchema = z.object({
  line: z.number().int().min(2),
  type: cell,
  firstName: cell,
  email: cell,
  referrer: cell,
});
export type ImportRow = z.infer<typeof importRowSchema>;

export type ParsedImport = { ok: true; rows: ImportRow[]; rowErrors: RowError[] } | { ok: false; message: string };

/**
 * The rows of an import file. A malformed line is reported with its number and kept, so the
 * check reports what else is wrong with it too; a file without the columns, without rows or with
 * too many is refused as a whole.
 */
export function parseImportCsv(csv: string): ParsedImport {
  const parsed = Papa.parse<Record<string, string | undefined>>(csv.trim(), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const missing = ["type", "first_name", "email"].filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length)
    return {
      ok: false,
      message: `The first line must name the columns ${IMPORT_COLUMNS.join(", ")} (missing: ${missing.join(", ")})`,
    };
  if (parsed.data.length === 0) return { ok: false, message: "The file has no rows" };
  if (parsed.data.length > IMPORT_MAX_ROWS) return { ok: false, message: tooManyRows };
  const clip = (value: string | undefined) => (value ?? "").slice(0, 1_000);
  return {
    ok: true,
    rows: parsed.data.map((raw, i) => ({
      line: i + 2,
      type: clip(raw.type),
      firstName: clip(raw.first_name),
      email: clip(raw.email),
      referrer: clip(raw.referrer),
    })),
    rowErrors: parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, message: e.message })),
  };
}

export const tooManyRows = `Import at most ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows at a time`;

/** A server action's or domain function's answer, as far as the import needs it. */
type Answer<T> = { ok: true; value: T } | { ok: false; message: string; rowErrors?: RowError[] };

export type ImportProgress = { imported: number; total: number };

export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  /** Nothing was written: the file is wrong (or could not be checked). */
  | { ok: false; stage: "check"; message: string; rowErrors: RowError[] }
  /** The rows before `firstLineNotImported` were imported; from it on, none were. */
  | {
      ok: false;
      stage: "import";
      message: string;
      rowErrors: RowError[];
      summary: ImportSummary;
      imported: number;
      total: number;
      firstLineNotImported: number;
      /** The chunk's request got no answer: it may have been written after all. */
      uncertain: boolean;
    };

/**
 * An import in steps a person can watch: the whole file is checked first, and if any row is
 * wrong nothing is written and every error comes back. Then the rows go in chunks of
 * `IMPORT_CHUNK_ROWS`, each written in its own transaction (all its rows or none, their events
 * with them), reporting progress after each. A chunk can still fail after a good check (an email
 * added meanwhile, the database unreachable): the import stops there, and the outcome says which
 * lines were imported, so nothing is imported twice when the rest is sent again.
 */
export async function runImport({
  rows,
  rowErrors: parseErrors = [],
  check,
  importChunk,
  onProgress,
  signal,
  chunkRows = IMPORT_CHUNK_ROWS,
}: {
  rows: ImportRow[];
  rowErrors?: RowError[];
  check: (rows: ImportRow[]) => Promise<Answer<ImportSummary>>;
  importChunk: (rows: ImportRow[]) => Promise<Answer<ImportSummary>>;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops before the next chunk: the outcome then says which lines were imported. */
  signal?: AbortSignal;
  chunkRows?: number;
}): Promise<ImportOutcome> {
  const checked = await check(rows);
  if (!checked.ok || parseErrors.length) {
    const rowErrors = [...parseErrors, ...((!checked.ok && checked.rowErrors) || [])].sort((a, b) => a.row - b.row);
    const message =
      checked.ok || (checked.rowErrors?.length && parseErrors.length)
        ? `${rowErrors.length} ${rowErrors.length === 1 ? "row has" : "rows have"} errors; nothing was imported`
        : checked.message;
    return { ok: false, stage: "check", message, rowErrors };
  }
  const total = rows.length;
  const summary: ImportSummary = { referrers: 0, leads: 0 };
  let imported = 0;
  onProgress?.({ imported, total });
  while (imported < total) {
    const chunk = rows.slice(imported, imported + chunkRows);
    let uncertain = false;
    const answer: Answer<ImportSummary> = signal?.aborted
      ? { ok: false, message: "You stopped the import." }
      : await importChunk(chunk).catch(() => {
          uncertain = true;
          return { ok: false, message: "The connection to Referwire was lost." };
        });
    if (!answer.ok)
      return {
        ok: false,
        stage: "import",
        message: answer.message,
        rowErrors: answer.rowErrors ?? [],
        summary,
        imported,
        total,
        firstLineNotImported: chunk[0]!.line,
        uncertain,
      };
    summary.referrers += answer.value.referrers;
    summary.leads += answer.value.leads;
    imported += chunk.length;
    onProgress?.({ imported, total });
  }
  return { ok: true, summary };
}
