import "server-only";
import { CSV_BOM, toCsvRecords, type CsvValue } from "@/lib/csv/csv";
import { TOTAL_COUNT_HEADER } from "./download-export";

/** Rows per query of an export: a keyset page of the table's sort index. */
export const EXPORT_BATCH_ROWS = 1_000;

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvValue };

/** A table's export: its columns, how many rows its filters matched when it began, and the rows in batches. */
export type CsvExport<Row> = {
  /** The table, in the file name: `<campaign>-<table>-<date>.csv`. */
  table: string;
  columns: readonly CsvColumn<Row>[];
  total: number;
  batches: AsyncIterable<Row[]>;
};

/**
 * Streams an export as a CSV download. The stream pulls: a batch is read from the database only
 * when the one before it has been taken by the client (one batch is kept ready), so memory holds
 * a batch or two whatever the size of the table, and a slow client slows the reads. When the
 * client goes away the stream is cancelled and the batches stop.
 */
export function csvExportResponse<Row>(
  csvExport: CsvExport<Row>,
  {
    campaignName,
    today = new Date(),
    onError,
  }: { campaignName: string; today?: Date; onError?: (error: unknown) => void },
): Response {
  const { columns, batches, total } = csvExport;
  const encoder = new TextEncoder();
  const rows = batches[Symbol.asyncIterator]();
  let started = false;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + toCsvRecords([columns.map((c) => c.header)])));
        return;
      }
      let next: IteratorResult<Row[]>;
      try {
        next = await rows.next();
      } catch (error) {
        if (cancelled) return;
        onError?.(error);
        return controller.error(error);
      }
      // The client left while this batch was being read: nothing more to send, nothing went wrong.
      if (cancelled) return;
      const chunk = next.done
        ? null
        : encoder.encode(toCsvRecords(next.value.map((row) => columns.map((c) => c.value(row)))));
      try {
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      } catch {
        // The server closed the stream before telling us it was cancelled: the client is gone too.
        cancelled = true;
        await rows.return?.();
      }
    },
    async cancel() {
      cancelled = true;
      await rows.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(campaignName, csvExport.table, today)}"`,
      "Cache-Control": "no-store",
      [TOTAL_COUNT_HEADER]: String(total),
    },
  });
}

/**
 * `<campaign>-<table>-<yyyy-mm-dd>.csv`, in ASCII so every browser and OS keeps it as it is:
 * accents are dropped (Été → ete), anything else but letters and digits becomes a dash.
 */
export function exportFilename(campaignName: string, table: string, today: Date): string {
  const slug =
    campaignName
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "campaign";
  return `${slug}-${table}-${today.toISOString().slice(0, 10)}.csv`;
}
