"use client";

import { useCallback, useState } from "react";
import dynamic from "next/dynamic";
import { Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

// The form, its progress and summary load when the dialog first opens, not with the table.
const ImportForm = dynamic(() => import("./import-form").then((m) => m.ImportForm));

export function ImportDialog({ campaignId }: { campaignId: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    // Closing mid-import would hide how far it got: Escape and the close button wait for it.
    <Dialog open={open} onOpenChange={(next) => setOpen(next || busy)}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Upload className="size-4" aria-hidden /> Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Import users from CSV"
        description="Referrers and leads arrive with source “Import”. The whole file is checked first: if any row is wrong, nothing is imported."
        className="max-w-xl"
      >
        {open ? <ImportForm campaignId={campaignId} onDone={close} onBusyChange={setBusy} /> : null}
      </DialogContent>
    </Dialog>
  );
}
