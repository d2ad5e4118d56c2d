import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { InviteDialog } from "@/components/team/invite-dialog";
import {
  LeaveTeamButton,
  RemoveMemberButton,
  RevokeInvitationButton,
  RoleSelect,
} from "@/components/team/member-controls";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { teamRoles } from "@/db/enums";
import { requireMarketer } from "@/lib/auth/session";
import { listPendingInvitations } from "@/lib/teams/invitations";
import { getTeam, listMembers } from "@/lib/teams/members";
import { can, ROLE_LABELS } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requireMarketer();
  const [team, members, invitations] = await Promise.all([
    getTeam(ctx),
    listMembers(ctx),
    can(ctx.role, "inviteMembers") ? listPendingInvitations(ctx) : [],
  ]);
  const manages = can(ctx.role, "manageMembers");
  // The last owner cannot leave; they make someone else Owner first.
  const soleOwner = ctx.role === "owner" && members.filter((m) => m.role === "owner").length === 1;
  const now = new Date();
  return (
    <>
      <PageHeader
        title={team.name}
        description={`You are ${ctx.role === "member" ? "a" : "an"} ${ROLE_LABELS[ctx.role]} of this team. Owners manage members; Admins manage campaigns and integrations; Members run the programme.`}
        actions={
          can(ctx.role, "viewAuditLog") ? (
            <Link
              href="/team/audit"
              className="inline-flex items-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
            >
              <ScrollText className="size-4" aria-hidden /> Audit log
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Members" action={soleOwner ? null : <LeaveTeamButton teamName={team.name} />} />
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members of {team.name}</caption>
            <thead className="text-xs text-zinc-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">
                  Member
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Joined
                </th>
                <th scope="col" className="px-5 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {members.map((member) => (
                <tr key={member.marketerId} data-testid="member">
                  <td className="px-5 py-2.5">
                    <span className="font-medium text-zinc-900">{member.name}</span>
                    {member.marketerId === ctx.marketer.id ? <span className="text-zinc-500"> (you)</span> : null}
                    <span className="block text-xs text-zinc-500">{member.email}</span>
                  </td>
                  <td className="px-5 py-2.5">
                    {manages ? (
                      <RoleSelect marketerId={member.marketerId} name={member.name} role={member.role} />
                    ) : (
                      <Badge tone={member.role === "member" ? "gray" : "indigo"}>{ROLE_LABELS[member.role]}</Badge>
                    )}
                  </td>
                  <td className="px-5 py-2.5 text-zinc-600">{formatDateTime(member.joinedAt)}</td>
                  <td className="px-5 py-2.5 text-right">
                    {manages && member.marketerId !== ctx.marketer.id ? (
                      <RemoveMemberButton marketerId={member.marketerId} name={member.name} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        {can(ctx.role, "inviteMembers") ? (
          <Card>
            <CardHeader
              title="Invitations"
              description="Invite people by email with a role. Each gets a link that works once within 7 days."
              action={<InviteDialog roles={teamRoles.filter((role) => role !== "owner" || ctx.role === "owner")} />}
            />
            {invitations.length === 0 ? (
              <p className="px-5 py-6 text-center text-sm text-zinc-500">No pending invitations.</p>
            ) : null}
            {invitations.length ? (
              <table className="w-full border-t border-zinc-100 text-left text-sm">
                <caption className="px-5 pt-3 text-left text-sm font-semibold text-zinc-900">
                  Pending invitations
                </caption>
                <thead className="text-xs text-zinc-500">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Email
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Role
                    </th>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Expires
                    </th>
                    <th scope="col" className="px-5 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
                  {invitations.map((invitation) => (
                    <tr key={invitation.id} data-testid="invitation">
                      <td className="px-5 py-2.5 text-zinc-900">{invitation.email}</td>
                      <td className="px-5 py-2.5">{ROLE_LABELS[invitation.role]}</td>
                      <td className="px-5 py-2.5 text-zinc-600">
                        {invitation.expiresAt <= now ? (
                          <Badge tone="amber">Expired</Badge>
                        ) : (
                          formatDateTime(invitation.expiresAt)
                        )}
                      </td>
                      <td className="px-5 py-2.5 text-right">
                        <RevokeInvitationButton invitationId={invitation.id} email={invitation.email} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}
