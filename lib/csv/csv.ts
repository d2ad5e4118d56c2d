import Papa from "papaparse";

/** A cell as the exports write it: text, a number, a moment (ISO 8601, UTC) or nothing (empty). */
export type CsvValue = string | number | Date | null | undefined;

/** Lets Excel open UTF-8 as UTF-8 (accents in names); other readers skip it. */
export const CSV_BOM = "\uFEFF";

/** RFC 4180 ends records with CRLF. */
export const CSV_NEWLINE = "\r\n";

/**
 * Text cells that a spreadsheet would run as a formula (OWASP's CSV injection list: `=`, `+`,
 * `-`, `@`, tab, carriage return) get a leading `'`. Papa's own `escapeFormulae: true` tests
 * `/^[=+\-@\t\r].*$/`, whose `.*$` cannot cross a line break, so a multi-line cell such as
 * "=HYPERLINK(…)\n" would pass unescaped: hence this pattern. Numbers are never touched (a
 * negative number is data, not a formula); the exports write every column as text or a date.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV records, each ending in CRLF: quotes doubled, and a field quoted when it holds a comma, a
 * quote, a line break, a leading or trailing space, or was neutralised.
 */
export function toCsvRecords(rows: readonly (readonly CsvValue[])[]): string {
  if (rows.length === 0) return "";
  const body = Papa.unparse(rows as CsvValue[][], {
    newline: CSV_NEWLINE,
    escapeFormulae: FORMULA_START,
    header: false,
  });
  return body + CSV_NEWLINE;
}
