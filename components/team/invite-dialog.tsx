"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { TeamRole } from "@/lib/teams/permissions";

// The form and its zod schema load when the dialog first opens, not with the Team page.
const InviteForm = dynamic(() => import("./invite-form").then((m) => m.InviteForm));

export function InviteDialog({ roles }: { roles: TeamRole[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Invite a member"
        description="They get a link that works once within 7 days; accepting signs them up or in and adds them to this team."
        className="max-w-xl"
      >
        {open ? <InviteForm roles={roles} /> : null}
      </DialogContent>
    </Dialog>
  );
}
