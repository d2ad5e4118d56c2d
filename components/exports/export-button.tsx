"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ExportProgress } from "@/lib/exports/download-export";

const count = new Intl.NumberFormat("en-US");
// Long exports report on every chunk; a screen reader hears the count at most this often.
const ANNOUNCE_EVERY_MS = 1_000;

/**
 * Downloads the table as CSV with its current filters and sort (every page): the table's path
 * plus `/export`. The file is read here rather than opened as a link so that a long export can
 * say how far it has come and be cancelled; it is saved once complete.
 */
export function ExportButton() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const running = useRef<AbortController | null>(null);
  // Leaving the page stops the download, and with it the server's reads.
  useEffect(() => () => running.current?.abort(), []);

  async function exportCsv() {
    const controller = new AbortController();
    running.current = controller;
    setProgress({ rows: 0, total: null });
    let shownAt = 0;
    try {
      // Loaded on first use, not with the table.
      const { exportFailure, exportUrl, isCsvResponse, readExport } = await import("@/lib/exports/download-export");
      const response = await fetch(exportUrl(pathname, searchParams.toString()), { signal: controller.signal });
      if (!isCsvResponse(response)) {
        toast.error(exportFailure(response));
        return;
      }
      const { file, filename, rows } = await readExport(response, (next) => {
        if (Date.now() - shownAt < ANNOUNCE_EVERY_MS && next.rows > 0) return;
        shownAt = Date.now();
        setProgress(next);
      });
      save(file, filename);
      toast.success(`Exported ${count.format(rows)} ${rows === 1 ? "row" : "rows"}`);
    } catch {
      if (controller.signal.aborted) toast("Export cancelled");
      else toast.error("The export stopped before the end. Please try again.");
    } finally {
      running.current = null;
      setProgress(null);
    }
  }

  return (
    <div className="ml-auto flex items-center gap-2">
      <p role="status" className="text-sm text-zinc-600 tabular-nums">
        {progress ? describeProgress(progress) : null}
      </p>
      {progress ? (
        <Button variant="ghost" onClick={() => running.current?.abort()}>
          Cancel
        </Button>
      ) : null}
      <Button variant="secondary" onClick={exportCsv} disabled={progress !== null}>
        <Download className="size-4" aria-hidden /> Export CSV
      </Button>
    </div>
  );
}

function describeProgress({ rows, total }: ExportProgress) {
  if (total === null) return `Exporting… ${count.format(rows)} rows`;
  // Rows added while the export runs can take it past the count it started with.
  return `Exporting… ${count.format(rows)} of ${count.format(Math.max(rows, total))} rows`;
}

/** Hands the finished file to the browser's downloads, under the name the server gave it. */
function save(file: Blob, filename: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
