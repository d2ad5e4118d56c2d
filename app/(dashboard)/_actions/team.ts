"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { switchSessionTeam } from "@/lib/auth/marketer-sessions";
import { inviteMember, revokeInvitation } from "@/lib/teams/invitations";
import { changeRole, removeMember } from "@/lib/teams/members";
import { roleChangeSchema, inviteSchema } from "@/lib/teams/schemas";

const refresh = () => revalidatePath("/team");

export const inviteMemberAction = teamAction(
  { name: "inviteMember", permission: "inviteMembers", schema: inviteSchema },
  async (input, ctx) => {
    const result = await inviteMember(ctx, input);
    if (!result.ok) return failedWith(result);
    refresh();
    const { link, emailed } = result.value;
    return succeeded({ link, emailed }, emailed ? "Invitation sent" : "Invitation created");
  },
);

export const revokeInvitationAction = teamAction(
  { name: "revokeInvitation", permission: "inviteMembers", schema: z.object({ invitationId: z.string() }) },
  async ({ invitationId }, ctx) => {
    const result = await revokeInvitation(ctx, invitationId);
    if (!result.ok) return failedWith(result);
    refresh();
    return succeeded(undefined, "Invitation revoked");
  },
);

export const changeRoleAction = teamAction(
  { name: "changeRole", permission: "manageMembers", schema: roleChangeSchema },
  async ({ marketerId, role }, ctx) => {
    const result = await changeRole(ctx, marketerId, role);
    if (!result.ok) return failedWith(result);
    refresh();
    return succeeded(undefined, "Role changed");
  },
);

export const removeMemberAction = teamAction(
  { name: "removeMember", permission: "manageMembers", schema: z.object({ marketerId: z.string() }) },
  async ({ marketerId }, ctx) => {
    const result = await removeMember(ctx, marketerId, { leaving: marketerId === ctx.marketer.id });
    if (!result.ok) return failedWith(result);
    refresh();
    return succeeded(undefined, "Member removed");
  },
);

/** Any member may leave, except the last owner; the session moves to their next team. */
export const leaveTeamAction = teamAction(
  { name: "leaveTeam", permission: "runProgram", schema: z.object({}) },
  async (_input, ctx) => {
    const result = await removeMember(ctx, ctx.marketer.id, { leaving: true });
    if (!result.ok) return failedWith(result);
    await switchSessionTeam(ctx.db, ctx.sessionId, ctx.marketer.id);
    redirect("/campaigns");
  },
);

/** Looks at another of the marketer's teams: only one they belong to. */
export const switchTeamAction = teamAction(
  { name: "switchTeam", permission: "runProgram", schema: z.object({ teamId: z.string() }) },
  async ({ teamId }, ctx) => {
    if (!(await switchSessionTeam(ctx.db, ctx.sessionId, ctx.marketer.id, teamId)))
      return failedWith({ message: "You are not a member of that team." });
    redirect("/campaigns");
  },
);
