"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  changeRoleAction,
  leaveTeamAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/(dashboard)/_actions/team";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogTrigger } from "@/components/ui/dialog";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast-result";
import { teamRoles } from "@/db/enums";
import { ROLE_LABELS, type TeamRole } from "@/lib/teams/permissions";

/** An Owner's role picker for one member. */
export function RoleSelect({ marketerId, name, role }: { marketerId: string; name: string; role: TeamRole }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label={`Role of ${name}`}
      className={cn(inputClasses, "w-32 py-1")}
      value={role}
      disabled={pending}
      onChange={(event) =>
        startTransition(async () => {
          toastResult(await changeRoleAction({ marketerId, role: event.target.value as TeamRole }));
          router.refresh();
        })
      }
    >
      {teamRoles.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

export function RemoveMemberButton({ marketerId, name }: { marketerId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={`Remove ${name}?`}
      description={`${name} loses access to this team at once. Their past actions stay in the audit log.`}
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      onConfirm={async () => {
        const result = await removeMemberAction({ marketerId });
        toastResult(result);
        if (result.ok) setOpen(false);
        router.refresh();
      }}
      trigger={
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" aria-label={`Remove ${name}`}>
            Remove
          </Button>
        </DialogTrigger>
      }
    />
  );
}

export function LeaveTeamButton({ teamName }: { teamName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title="Leave this team?"
      description={`You lose access to ${teamName} until someone invites you again.`}
      confirmLabel="Leave team"
      pendingLabel="Leaving…"
      onConfirm={async () => {
        const result = await leaveTeamAction({});
        toastResult(result);
      }}
      trigger={
        <DialogTrigger asChild>
          <Button variant="secondary" size="sm">
            Leave team
          </Button>
        </DialogTrigger>
      }
    />
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`Revoke the invitation for ${email}`}
      onClick={() =>
        startTransition(async () => {
          toastResult(await revokeInvitationAction({ invitationId }));
          router.refresh();
        })
      }
    >
      Revoke
    </Button>
  );
}
