import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketers, teamInvitations, teamMembers, teams } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { actingAs, currentActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/config/env";
import { sendEmail } from "@/lib/email/send-email";
import { fail, invalid, isUniqueViolation, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { isMemberByEmail } from "./members";
import { ROLE_LABELS, type TeamRole } from "./permissions";
import { invitedSignUpSchema, inviteSchema, type InviteInput } from "./schemas";

type TeamInvitation = typeof teamInvitations.$inferSelect;

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const TOKEN_PREFIX = "rwinv_";
const TOKEN_PATTERN = /^rwinv_[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
export const invitationLink = (token: string) => `${env().APP_URL}/invite/${token}`;

export type PendingInvitation = Pick<TeamInvitation, "id" | "email" | "role" | "createdAt" | "expiresAt">;

/**
 * Invites an email to the team as `role`: a single-use link valid 7 days, returned to show once
 * and mailed when SMTP is configured. Only an Owner may invite an Owner.
 */
export async function inviteMember(
  ctx: TeamContext & { role: TeamRole; marketer: { id: string; name: string } },
  input: InviteInput,
  now = new Date(),
): Promise<Result<{ link: string; emailed: boolean; invitation: PendingInvitation }>> {
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { email, role } = parsed.data;
  if (role === "owner" && ctx.role !== "owner")
    return fail("forbidden", "Only Owners can invite an Owner.", { role: "Only Owners can invite an Owner" });
  if (await isMemberByEmail(ctx.db, ctx.teamId, email))
    return fail("conflict", `${email} is already a member of this team.`, { email: "Already a member of this team" });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const invitation = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(teamInvitations)
      .values({
        teamId: ctx.teamId,
        email,
        role,
        tokenHash: hashToken(token),
        invitedBy: ctx.marketer.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    await recordAudit(tx, ctx.teamId, {
      action: "member.invited",
      subject: { type: "invitation", id: row!.id, label: email },
      details: { role },
    });
    return row!;
  });
  const [team] = await ctx.db.select({ name: teams.name }).from(teams).where(eq(teams.id, ctx.teamId));
  const link = invitationLink(token);
  const emailed = await sendEmail({
    to: email,
    subject: `${ctx.marketer.name} invited you to ${team!.name} on Referwire`,
    text: `${ctx.marketer.name} invited you to join ${team!.name} on Referwire as ${ROLE_LABELS[role]}.\n\nAccept within 7 days: ${link}\n\nIf you did not expect this, ignore this email.`,
  }).catch((error: unknown) => {
    // The invitation stands; the inviter copies the link instead.
    console.warn("[email] invitation not sent", error instanceof Error ? error.message : error);
    return false;
  });
  return ok({ link, emailed, invitation: pick(invitation) });
}

const pick = (row: TeamInvitation): PendingInvitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

/** Invitations not yet accepted or revoked, newest first (expired ones too, marked by their date). */
export async function listPendingInvitations({ db, teamId }: TeamContext): Promise<PendingInvitation[]> {
  const rows = await db
    .select()
    .from(teamInvitations)
    .where(
      and(eq(teamInvitations.teamId, teamId), isNull(teamInvitations.acceptedAt), isNull(teamInvitations.revokedAt)),
    )
    .orderBy(desc(teamInvitations.createdAt));
  return rows.map(pick);
}

export async function revokeInvitation(ctx: TeamContext, invitationId: string): Promise<Result<{ id: string }>> {
  if (!isUuid(invitationId)) return notFound("Invitation");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(teamInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(teamInvitations.id, invitationId),
          eq(teamInvitations.teamId, ctx.teamId),
          isNull(teamInvitations.acceptedAt),
          isNull(teamInvitations.revokedAt),
        ),
      )
      .returning();
    if (!row) return notFound("Invitation");
    await recordAudit(tx, ctx.teamId, {
      action: "invitation.revoked",
      subject: { type: "invitation", id: row.id, label: row.email },
      details: { role: row.role },
    });
    return ok({ id: row.id });
  });
}

export type InvitationView =
  | { status: "valid"; email: string; role: TeamRole; teamName: string; invitedBy: string | null; expiresAt: Date }
  | { status: "expired" | "revoked" | "used" | "unknown" };

/** What the invitation page shows for a link. */
export async function readInvitation(db: Db, token: string, now = new Date()): Promise<InvitationView> {
  if (!TOKEN_PATTERN.test(token)) return { status: "unknown" };
  const [row] = await db
    .select({ invitation: teamInvitations, teamName: teams.name, invitedBy: marketers.name })
    .from(teamInvitations)
    .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
    .leftJoin(marketers, eq(marketers.id, teamInvitations.invitedBy))
    .where(eq(teamInvitations.tokenHash, hashToken(token)));
  if (!row) return { status: "unknown" };
  const { invitation } = row;
  if (invitation.revokedAt) return { status: "revoked" };
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    email: invitation.email,
    role: invitation.role,
    teamName: row.teamName,
    invitedBy: row.invitedBy,
    expiresAt: invitation.expiresAt,
  };
}

const REFUSED: Record<Exclude<InvitationView["status"], "valid">, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  revoked: "This invitation was revoked. Ask for a new one.",
  used: "This invitation has already been used.",
  unknown: "This invitation link is not valid.",
};

/**
 * Accepts an invitation for the signed-in account: the link is used up and the membership made in
 * one transaction, claimed by one UPDATE so two tabs cannot both use it. Only the invited email
 * may accept; someone else's attempt leaves the invitation as it was.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  account: { id: string; name: string; email: string },
  now = new Date(),
): Promise<Result<{ teamId: string }>> {
  const view = await readInvitation(db, token, now);
  if (view.status !== "valid") return fail(view.status === "unknown" ? "not_found" : "conflict", REFUSED[view.status]);
  if (view.email !== account.email)
    return fail("forbidden", `This invitation is for ${view.email}. Sign in with that email to accept it.`);
  const member = { kind: "member" as const, id: account.id, label: `${account.name} <${account.email}>` };
  return actingAs({ ...currentActor(), ...member }, () =>
    db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(teamInvitations)
        .set({ acceptedAt: now, acceptedBy: account.id })
        .where(
          and(
            eq(teamInvitations.tokenHash, hashToken(token)),
            eq(teamInvitations.email, account.email),
            isNull(teamInvitations.acceptedAt),
            isNull(teamInvitations.revokedAt),
            gt(teamInvitations.expiresAt, now),
          ),
        )
        .returning();
      if (!claimed) return fail("conflict", REFUSED.used);
      await tx
        .insert(teamMembers)
        .values({ teamId: claimed.teamId, marketerId: account.id, role: claimed.role, createdAt: now })
        .onConflictDoNothing();
      await recordAudit(tx, claimed.teamId, {
        action: "member.joined",
        subject: { type: "member", id: account.id, label: account.email },
        details: { role: claimed.role },
      });
      return ok({ teamId: claimed.teamId });
    }),
  );
}

/**
 * Signs up through an invitation: the account (with the invitation's email) and its membership
 * in one transaction, and no team of its own. An email that has an account signs in instead.
 */
export async function signUpWithInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
): Promise<Result<{ teamId: string; email: string }>> {
  const parsed = invitedSignUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const view = await readInvitation(db, token);
  if (view.status !== "valid") return fail("conflict", REFUSED[view.status]);
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    return await db.transaction(async (tx) => {
      const [account] = await tx
        .insert(marketers)
        .values({ name: parsed.data.name, email: view.email, passwordHash })
        .returning({ id: marketers.id, name: marketers.name, email: marketers.email });
      const accepted = await acceptInvitation(tx, token, account!);
      if (!accepted.ok) throw new RolledBack(accepted);
      return ok({ teamId: accepted.value.teamId, email: view.email });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.failure;
    if (isUniqueViolation(error, "marketers_email_key"))
      return fail("conflict", "This email already has an account: sign in to accept the invitation.");
    throw error;
  }
}

/** Carries a failure out of a transaction so it rolls back (the new account goes with it). */
class RolledBack extends Error {
  constructor(readonly failure: Extract<Result<unknown>, { ok: false }>) {
    super(failure.message);
  }
}
