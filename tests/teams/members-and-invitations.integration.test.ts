import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, teamInvitations, teamMembers } from "@/db/schema";
import { findSessionMarketer, startMarketerSession, switchSessionTeam, teamsOf } from "@/lib/auth/marketer-sessions";
import { signUp } from "@/lib/auth/sign-up";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import {
  acceptInvitation,
  INVITATION_TTL_MS,
  inviteMember,
  readInvitation,
  revokeInvitation,
  signUpWithInvitation,
} from "@/lib/teams/invitations";
import { changeRole, listMembers, removeMember } from "@/lib/teams/members";
import type { TeamRole } from "@/lib/teams/permissions";
import { createTeam, createTestCampaign, uniqueEmail } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

/** A team with its owner, as the owner's actions see it. */
async function ownedTeam() {
  const email = uniqueEmail("owner");
  const account = await signUp(database.db, { name: "Olive Owner", email, password: "correct horse battery" });
  if (!account.ok) throw new Error(account.message);
  const { marketerId, teamId } = account.value;
  const as = (role: TeamRole, marketer = { id: marketerId, name: "Olive Owner" }) => ({
    db: database.db,
    teamId,
    role,
    marketer,
  });
  return { teamId, owner: { id: marketerId, name: "Olive Owner", email }, as };
}

const tokenOf = (link: string) => link.split("/invite/")[1]!;

async function invite(
  team: Awaited<ReturnType<typeof ownedTeam>>,
  role: TeamRole = "member",
  email = uniqueEmail("invitee"),
) {
  const invited = await inviteMember(team.as("owner"), { email, role });
  if (!invited.ok) throw new Error(invited.message);
  return { email, token: tokenOf(invited.value.link), invitation: invited.value.invitation };
}

async function account(email = uniqueEmail("someone"), name = "Sam Someone") {
  const created = await signUp(database.db, { name, email, password: "correct horse battery" });
  if (!created.ok) throw new Error(created.message);
  return { id: created.value.marketerId, name, email, ownTeam: created.value.teamId };
}

describe(`invitations (${databaseKind()})`, () => {
  it("a link joins the invited account to the team with its role, once", async () => {
    const team = await ownedTeam();
    const person = await account();
    const { token } = await invite(team, "admin", person.email);
    expect(await readInvitation(database.db, token)).toMatchObject({
      status: "valid",
      role: "admin",
      email: person.email,
    });

    expect(await acceptInvitation(database.db, token, person)).toEqual({ ok: true, value: { teamId: team.teamId } });
    expect((await listMembers(team.as("owner"))).map((m) => [m.email, m.role])).toContainEqual([person.email, "admin"]);
    expect((await teamsOf(database.db, person.id)).map((t) => t.id)).toEqual([person.ownTeam, team.teamId]);

    expect(await acceptInvitation(database.db, token, person)).toMatchObject({
      ok: false,
      message: /already been used/,
    });
    expect((await readInvitation(database.db, token)).status).toBe("used");
    const [joined] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.teamId), eq(auditEvents.action, "member.joined")));
    expect(joined).toMatchObject({ actorKind: "member", actorId: person.id, subjectLabel: person.email });
  });

  it("refuses the wrong email, an expired link and a revoked one, and says which", async () => {
    const team = await ownedTeam();
    const intended = await account();
    const stranger = await account();
    const { token, invitation } = await invite(team, "member", intended.email);
    expect(await acceptInvitation(database.db, token, stranger)).toMatchObject({ ok: false, code: "forbidden" });
    expect((await readInvitation(database.db, token)).status).toBe("valid"); // untouched

    const later = new Date(Date.now() + INVITATION_TTL_MS + 1000);
    expect((await readInvitation(database.db, token, later)).status).toBe("expired");
    expect(await acceptInvitation(database.db, token, intended, later)).toMatchObject({
      ok: false,
      message: /expired/,
    });

    expect(await revokeInvitation(team.as("owner"), invitation.id)).toMatchObject({ ok: true });
    expect(await acceptInvitation(database.db, token, intended)).toMatchObject({ ok: false, message: /revoked/ });
    expect((await readInvitation(database.db, "rwinv_" + "x".repeat(43))).status).toBe("unknown");
    expect(await listMembers(team.as("owner"))).toHaveLength(1);
  });

  it("two tabs accepting at once join once", async () => {
    const team = await ownedTeam();
    const person = await account();
    const { token } = await invite(team, "member", person.email);
    const results = await Promise.all([1, 2, 3].map(() => acceptInvitation(database.db, token, person)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.teamId), eq(auditEvents.action, "member.joined")));
    expect(rows).toHaveLength(1);
  });

  it("signing up through a link makes an account in that team only", async () => {
    const team = await ownedTeam();
    const { token, email } = await invite(team, "member");
    const created = await signUpWithInvitation(database.db, token, { name: "Nia New", password: "long enough pw" });
    expect(created).toEqual({ ok: true, value: { teamId: team.teamId, email } });
    const members = await listMembers(team.as("owner"));
    const nia = members.find((m) => m.email === email)!;
    expect(nia.role).toBe("member");
    expect((await teamsOf(database.db, nia.marketerId)).map((t) => t.id)).toEqual([team.teamId]);
    // The link is used up, and a second account cannot be made with it.
    expect(await signUpWithInvitation(database.db, token, { name: "Again", password: "long enough pw" })).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it("only an Owner invites an Owner, and a member is not invited twice", async () => {
    const team = await ownedTeam();
    const admin = team.as("admin");
    expect(await inviteMember(admin, { email: uniqueEmail("o"), role: "owner" })).toMatchObject({ code: "forbidden" });
    expect(await inviteMember(team.as("owner"), { email: team.owner.email, role: "member" })).toMatchObject({
      code: "conflict",
    });
    expect(await inviteMember(admin, { email: "not an email", role: "member" })).toMatchObject({ code: "invalid" });
    const pending = await database.db.select().from(teamInvitations).where(eq(teamInvitations.teamId, team.teamId));
    expect(pending).toEqual([]);
  });
});

describe(`members and roles (${databaseKind()})`, () => {
  it("never leaves a team without an owner", async () => {
    const team = await ownedTeam();
    const owner = team.as("owner");
    expect(await changeRole(owner, team.owner.id, "admin")).toMatchObject({ ok: false, code: "conflict" });
    expect(await removeMember(owner, team.owner.id, { leaving: true })).toMatchObject({ ok: false, code: "conflict" });

    // Two owners demoting each other at once: one wins, one owner stays.
    const second = await account();
    await acceptInvitation(database.db, (await invite(team, "owner", second.email)).token, second);
    await Promise.all([
      changeRole(owner, second.id, "member"),
      changeRole(team.as("owner", { id: second.id, name: second.name }), team.owner.id, "member"),
    ]);
    const owners = (await listMembers(owner)).filter((m) => m.role === "owner");
    expect(owners).toHaveLength(1);
  });

  it("a removed member's session falls back to their other team, and sees only its data", async () => {
    const team = await ownedTeam();
    await createTestCampaign({ db: database.db, teamId: team.teamId }, { name: "Shared programme" });
    const person = await account();
    await createTestCampaign({ db: database.db, teamId: person.ownTeam }, { name: "Own programme" });
    await acceptInvitation(database.db, (await invite(team, "member", person.email)).token, person);

    const session = await startMarketerSession(database.db, person.id);
    expect((await findSessionMarketer(database.db, session, person.id))!.team!.id).toBe(person.ownTeam);
    expect(await switchSessionTeam(database.db, session, person.id, team.teamId)).toBe(true);
    const looking = (await findSessionMarketer(database.db, session, person.id))!.team!;
    expect(looking).toEqual({ id: team.teamId, role: "member" });
    const seen = await listCampaigns({ db: database.db, teamId: looking.id });
    expect(seen.map((c) => c.name)).toEqual(["Shared programme"]);

    // Not a member: no switch.
    const elsewhere = await createTeam(database.db);
    expect(await switchSessionTeam(database.db, session, person.id, elsewhere.teamId)).toBe(false);

    await removeMember(team.as("owner"), person.id);
    expect((await findSessionMarketer(database.db, session, person.id))!.team).toBeNull();
    expect(await switchSessionTeam(database.db, session, person.id)).toBe(true);
    expect((await findSessionMarketer(database.db, session, person.id))!.team!.id).toBe(person.ownTeam);
    const gone = await database.db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.teamId), eq(teamMembers.marketerId, person.id)));
    expect(gone).toEqual([]);
  });

  it("records role changes and removals in the audit log, in the same transaction", async () => {
    const team = await ownedTeam();
    const person = await account();
    await acceptInvitation(database.db, (await invite(team, "member", person.email)).token, person);
    await changeRole(team.as("owner"), person.id, "admin");
    await changeRole(team.as("owner"), team.owner.id, "member"); // refused: last owner
    await removeMember(team.as("owner"), person.id);
    const actions = (
      await database.db.select().from(auditEvents).where(eq(auditEvents.teamId, team.teamId)).orderBy(auditEvents.id)
    ).map((e) => [e.action, e.details]);
    expect(actions).toEqual([
      ["member.invited", { role: "member" }],
      ["member.joined", { role: "member" }],
      ["member.role_changed", { from: "member", to: "admin" }],
      ["member.removed", { role: "admin" }],
    ]);
  });
});
