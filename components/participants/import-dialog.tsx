"use client";

import { useActionState, useEffect, useState } from "react";
import { Upload } from "lucide-react";
import { toast } from "sonner";
import { importParticipantsAction } from "@/app/(dashboard)/_actions/participants";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError, inputClasses } from "@/components/ui/field";

const SAMPLE =
  "type,first_name,email,referrer\nreferrer,Ada,ada@example.com,\nlead,Lin,lin@example.com,ada@example.com";

export function ImportDialog({ campaignId }: { campaignId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Upload className="size-4" aria-hidden /> Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Import users from CSV"
        description="Referrers and leads arrive with source “Import”. If any row is wrong, nothing is imported."
        className="max-w-xl"
      >
        {open ? <ImportForm campaignId={campaignId} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ImportForm({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const [state, action, pending] = useActionState(importParticipantsAction, null);
  const failure = state?.ok === false ? state : undefined;
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onDone();
    }
  }, [state, onDone]);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="campaignId" value={campaignId} />
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
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className={inputClasses} />
      </div>
      <FormError message={failure?.message} />
      {failure?.rowErrors?.length ? (
        <ul
          tabIndex={0}
          aria-label="Rows with errors"
          className="max-h-48 space-y-1 overflow-y-auto rounded-md bg-red-50 p-3 text-sm text-red-700 ring-1 ring-red-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
          data-testid="import-errors"
        >
          {failure.rowErrors.slice(0, 100).map((e, i) => (
            <li key={i}>
              <span className="font-medium">Line {e.row}:</span> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}
