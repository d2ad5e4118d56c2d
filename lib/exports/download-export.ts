import { csvRecordCounter } from "@/lib/csv/record-counter";

// The browser's half of an export (the Export button): browser-safe, no server imports.

/** The response header with how many rows the table's filters matched when the export began. */
export const TOTAL_COUNT_HEADER = "X-Total-Count";

export type ExportProgress = { rows: number; total: number | null };

/** Where a table's export is: the table's path plus `/export`, with its filters and sort but not its page. */
export function exportUrl(tablePath: string, tableQuery: string | URLSearchParams): string {
  const params = new URLSearchParams(tableQuery);
  params.delete("page");
  params.delete("pageSize");
  const query = params.toString();
  return `${tablePath.replace(/\/$/, "")}/export${query ? `?${query}` : ""}`;
}

/** What to tell the marketer when the answer is not a CSV file. */
export function exportFailure(response: Response): string {
  // Without a live session the proxy redirects to sign-in, and fetch follows it to a page.
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname === "/sign-in"))
    return "Your session has ended. Sign in again to export.";
  if (response.status === 404) return "This campaign was not found.";
  if (response.status === 503) return "Referwire is temporarily unavailable. Try again in a few seconds.";
  return "The export failed. Please try again.";
}

export const isCsvResponse = (response: Response) =>
  response.ok && (response.headers.get("content-type") ?? "").startsWith("text/csv");

/**
 * Reads an export to its end, reporting the rows received as they arrive (counted in the bytes,
 * so nothing is decoded twice), and hands back the file as a Blob to save.
 */
export async function readExport(
  response: Response,
  onProgress: (progress: ExportProgress) => void,
): Promise<{ file: Blob; filename: string; rows: number }> {
  const header = response.headers.get(TOTAL_COUNT_HEADER);
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  const counter = csvRecordCounter();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = response.body!.getReader();
  let rows = 0;
  onProgress({ rows, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    // The first record is the header line.
    rows = Math.max(0, counter.add(value) - 1);
    onProgress({ rows, total });
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
  return { file: new Blob(chunks, { type: "text/csv;charset=utf-8" }), filename, rows };
}
