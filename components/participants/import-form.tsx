"use client";

import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { checkImportAction, importRowsAction } from "@/app/(dashboard)/_actions/participants";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { DialogClose } from "@/components/ui/dialog";
import { FormError, inputClasses } from "@/components/ui/field";
import type { ImportOutcome, RowError } from "@/lib/participants/import-csv";

const SAMPLE =
  "type,first_name,email,referrer\nreferrer,Ada,ada@example.com,\nlead,Lin,lin@example.com,ada@example.com";

const count = new Intl.NumberFormat("en-US");

type Phase =
  | { kind: "idle" }
  | { kind: "checking"; total: number }
  | { kind: "importing"; imported: number; total: number }
  | { kind: "failed"; message: string; rowErrors?: RowError[] }
  | { kind: "stopped"; outcome: Extract<ImportOutcome, { stage: "import" }>; firstLine: number; lastLine: number };

export function ImportForm({
  campaignId,
  onDone,
  onBusyChange,
}: {
  campaignId: string;
  onDone: () => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const stop = useRef<AbortController | null>(null);
  const busy = phase.kind === "checking" || phase.kind === "importing";
  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);

  async function start(file: File) {
    // The CSV parser loads when a file is first imported, not with the table.
    const { IMPORT_MAX_BYTES, parseImportCsv, runImport } = await import("@/lib/participants/import-csv");
    if (file.size === 0) return setPhase({ kind: "failed", message: "Choose a CSV file to import" });
    if (file.size > IMPORT_MAX_BYTES)
      return setPhase({ kind: "failed", message: "The file is larger than 1 MB; split it into smaller files" });
    const parsed = parseImportCsv(await file.text());
    if (!parsed.ok) return setPhase({ kind: "failed", message: parsed.message });
    const controller = new AbortController();
    stop.current = controller;
    setPhase({ kind: "checking", total: parsed.rows.length });
    let outcome: ImportOutcome;
    try {
      outcome = await runImport({
        rows: parsed.rows,
        rowErrors: parsed.rowErrors,
        check: (rows) => checkImportAction({ campaignId, rows }),
        importChunk: (rows) => importRowsAction({ campaignId, rows }),
        onProgress: (progress) => setPhase({ kind: "importing", ...progress }),
        signal: controller.signal,
      });
    } catch {
      // Only the check can throw here (a chunk's failure is part of the outcome): nothing was written.
      return setPhase({ kind: "failed", message: "The file could not be checked. Please try again." });
    } finally {
      stop.current = null;
    }
    if (outcome.ok) {
      const { referrers, leads } = outcome.summary;
      toast.success(`Imported ${count.format(referrers)} referrers and ${count.format(leads)} leads`);
      return onDone();
    }
    if (outcome.stage === "check")
      return setPhase({ kind: "failed", message: outcome.message, rowErrors: outcome.rowErrors });
    setPhase({ kind: "stopped", outcome, firstLine: parsed.rows[0]!.line, lastLine: parsed.rows.at(-1)!.line });
  }

  const rowErrors = phase.kind === "failed" ? phase.rowErrors : phase.kind === "stopped" ? phase.outcome.rowErrors : [];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const file = new FormData(event.currentTarget).get("file");
        if (file instanceof File && !busy) void start(file);
      }}
      className="space-y-4"
    >
      <div className="text-sm text-zinc-600">
        <p>
          The first line names the columns. A lead&apos;s <code>referrer</code> is a referrer&apos;s code or email, in
          the campaign already or earlier in the file.
        </p>
        <CodeBlock
          label="Sample CSV"
          className="mt-2 overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs text-zinc-700 ring-1 ring-zinc-200"
        >
          {SAMPLE}
        </CodeBlock>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="import-file" className="block text-sm font-medium text-zinc-800">
          CSV file
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          disabled={busy}
          className={inputClasses}
        />
      </div>
      <div className="space-y-1.5">
        <p role="status" className="text-sm text-zinc-700 tabular-nums">
          {phase.kind === "checking"
            ? `Checking ${count.format(phase.total)} rows…`
            : phase.kind === "importing"
              ? `Imported ${count.format(phase.imported)} of ${count.format(phase.total)} rows`
              : null}
        </p>
        {phase.kind === "importing" ? (
          <progress
            value={phase.imported}
            max={phase.total}
            aria-label="Import progress"
            className="block h-2 w-full overflow-hidden rounded-full bg-zinc-200 [&::-moz-progress-bar]:bg-indigo-600 [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-indigo-600"
          />
        ) : null}
      </div>
      {phase.kind === "failed" ? <FormError message={phase.message} /> : null}
      {phase.kind === "stopped" ? <StoppedSummary {...phase} /> : null}
      {rowErrors?.length ? (
        <ul
          tabIndex={0}
          aria-label="Rows with errors"
          className="max-h-48 space-y-1 overflow-y-auto rounded-md bg-red-50 p-3 text-sm text-red-700 ring-1 ring-red-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
          data-testid="import-errors"
        >
          {rowErrors.slice(0, 100).map((e, i) => (
            <li key={i}>
              <span className="font-medium">Line {e.row}:</span> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        {phase.kind === "importing" ? (
          <Button variant="secondary" onClick={() => stop.current?.abort()}>
            Stop after this part
          </Button>
        ) : (
          <DialogClose asChild>
            <Button variant="secondary" disabled={busy}>
              Cancel
            </Button>
          </DialogClose>
        )}
        <Button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}

/** An import that ended part-way: what is in the campaign now, what is not, and how to add the rest. */
function StoppedSummary({ outcome, firstLine, lastLine }: Extract<Phase, { kind: "stopped" }>) {
  const { imported, total, summary, firstLineNotImported: next, uncertain, rowErrors, message } = outcome;
  const done = imported > 0 ? `lines ${firstLine}–${count.format(next - 1)}` : null;
  return (
    <div
      data-testid="import-summary"
      className="space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
    >
      <p className="font-medium">
        Imported {count.format(imported)} of {count.format(total)} rows
        {done ? ` (${done}): ${summary.referrers} referrers and ${summary.leads} leads` : ""}.
      </p>
      <p>
        {uncertain
          ? `The connection was lost while lines ${count.format(next)} on were being sent; some of them may have been imported. Check the table before importing them again.`
          : `Lines ${count.format(next)}–${count.format(lastLine)} were not imported. ${rowErrors.length ? "A row among them changed since the file was checked:" : message}`}
      </p>
      {done && !uncertain ? <p>To add the rest, remove {done} from the file and import it again.</p> : null}
    </div>
  );
}
