"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

// The form and its zod schema (~30 kB gzipped) load when the dialog first opens, not with the table.
const AddParticipantForm = dynamic(() => import("./add-participant-form").then((m) => m.AddParticipantForm));

export function AddParticipantDialog({ campaignId, type }: { campaignId: string; type: "referrer" | "lead" }) {
  const [open, setOpen] = useState(false);
  const noun = type === "referrer" ? "referrer" : "lead";
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <UserPlus className="size-4" aria-hidden /> Add {noun}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Add a ${noun}`}
        description={`Added by hand: the ${noun}'s source is “Added”, and your webhooks hear about it.`}
      >
        {open ? <AddParticipantForm campaignId={campaignId} type={type} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
