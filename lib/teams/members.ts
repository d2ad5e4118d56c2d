import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketers, teamMembers, teams } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { fail, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import type { TeamRole } from "./permissions";

export type Member = { marketerId: string; name: string; email: string; role: TeamRole; joinedAt: Date };

export async function getTeam(ctx: TeamContext) {
  const [team] = await ctx.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, ctx.teamId));
  return team!;
}

const memberColumns = {
  marketerId: marketers.id,
  name: marketers.name,
  email: marketers.email,
  role: teamMembers.role,
  joinedAt: teamMembers.createdAt,
};

export async function listMembers({ db, teamId }: TeamContext): Promise<Member[]> {
  return db
    .select(memberColumns)
    .from(teamMembers)
    .innerJoin(marketers, eq(marketers.id, teamMembers.marketerId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(teamMembers.createdAt), asc(marketers.id));
}

const LAST_OWNER = "A team always keeps an owner: make someone else Owner first.";

/**
 * Changes a member's role. The team's rows are locked first, so two owners demoting each other
 * at once cannot leave the team without one.
 */
export async function changeRole(ctx: TeamContext, marketerId: string, role: TeamRole): Promise<Result<Member>> {
  if (!isUuid(marketerId)) return notFound("Member");
  return ctx.db.transaction(async (tx) => {
    const members = await lockMembers(tx, ctx.teamId);
    const member = members.find((m) => m.marketerId === marketerId);
    if (!member) return notFound("Member");
    if (member.role === role) return ok({ ...member, role });
    if (member.role === "owner" && members.filter((m) => m.role === "owner").length === 1)
      return fail("conflict", LAST_OWNER);
    await tx
      .update(teamMembers)
      .set({ role })
      .where(and(eq(teamMembers.teamId, ctx.teamId), eq(teamMembers.marketerId, marketerId)));
    await recordAudit(tx, ctx.teamId, {
      action: "member.role_changed",
      subject: { type: "member", id: marketerId, label: member.email },
      details: { from: member.role, to: role },
    });
    return ok({ ...member, role });
  });
}

/** Removes a member (or, with `leaving`, the member themself); never the last owner. */
export async function removeMember(
  ctx: TeamContext,
  marketerId: string,
  { leaving = false } = {},
): Promise<Result<{ marketerId: string }>> {
  if (!isUuid(marketerId)) return notFound("Member");
  return ctx.db.transaction(async (tx) => {
    const members = await lockMembers(tx, ctx.teamId);
    const member = members.find((m) => m.marketerId === marketerId);
    if (!member) return notFound("Member");
    if (member.role === "owner" && members.filter((m) => m.role === "owner").length === 1)
      return fail("conflict", LAST_OWNER);
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, ctx.teamId), eq(teamMembers.marketerId, marketerId)));
    await recordAudit(tx, ctx.teamId, {
      action: leaving ? "member.left" : "member.removed",
      subject: { type: "member", id: marketerId, label: member.email },
      details: { role: member.role },
    });
    return ok({ marketerId });
  });
}

/** The team's members, their membership rows locked for the rest of the transaction. */
function lockMembers(tx: Db, teamId: string): Promise<Member[]> {
  return tx
    .select(memberColumns)
    .from(teamMembers)
    .innerJoin(marketers, eq(marketers.id, teamMembers.marketerId))
    .where(eq(teamMembers.teamId, teamId))
    .for("update", { of: teamMembers });
}

/** Whether someone with this email already belongs to the team. */
export async function isMemberByEmail(db: Db, teamId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: marketers.id })
    .from(teamMembers)
    .innerJoin(marketers, eq(marketers.id, teamMembers.marketerId))
    .where(and(eq(teamMembers.teamId, teamId), eq(marketers.email, email)));
  return Boolean(row);
}
