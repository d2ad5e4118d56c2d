import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SignedInContext } from "@/lib/auth/session";
import type { TeamRole } from "@/lib/teams/permissions";
import { createTeam } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// Every dashboard action, called as each role: the server must refuse exactly the roles this
// table leaves out, before reading any input. The table is the policy written down once more, on
// purpose: changing who may do what means changing it here too. An action missing from it fails.
const ALL: TeamRole[] = ["owner", "admin", "member"];
const ADMINS: TeamRole[] = ["owner", "admin"];
const OWNERS: TeamRole[] = ["owner"];
const EXPECTED: Record<string, TeamRole[]> = {
  // Running the programme: everyone.
  addParticipant: ALL,
  checkImport: ALL,
  importRows: ALL,
  setLeadQualified: ALL,
  issueReward: ALL,
  listInboundRequests: ALL,
  switchTeam: ALL,
  leaveTeam: ALL,
  // Campaign settings and integrations: Owners and Admins.
  saveCampaign: ADMINS,
  generateApiKey: ADMINS,
  revokeApiKey: ADMINS,
  openInboundWebhook: ADMINS,
  rotateInboundUrl: ADMINS,
  clearInbox: ADMINS,
  saveWebhook: ADMINS,
  deleteWebhook: ADMINS,
  revealSigningSecret: ADMINS,
  rotateSigningSecret: ADMINS,
  reenableWebhook: ADMINS,
  sendTestEvent: ADMINS,
  resendDelivery: ADMINS,
  replayFailed: ADMINS,
  inviteMember: ADMINS,
  revokeInvitation: ADMINS,
  // Members and roles: Owners.
  changeRole: OWNERS,
  removeMember: OWNERS,
};

let signedIn: SignedInContext | null = null;
vi.mock("@/lib/auth/session", () => ({
  currentMarketer: async () => signedIn,
  currentAccount: async () => signedIn && { ...signedIn, team: { id: signedIn.teamId, role: signedIn.role } },
  requireMarketer: async () => signedIn,
}));

const database = setUpTestDatabase();
type Action = (input: unknown) => Promise<{ ok: boolean; code?: string }>;
const actions = new Map<string, Action>();

beforeAll(async () => {
  const folder = path.resolve("app/(dashboard)/_actions");
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
    const exports = (await import(path.join(folder, file))) as Record<string, Action>;
    for (const [exported, action] of Object.entries(exports)) actions.set(exported.replace(/Action$/, ""), action);
  }
});

/** Calls an action as a role; a thrown redirect (sign-in, team switched) counts as "not refused". */
async function callAs(role: TeamRole, action: Action) {
  const team = await createTeam(database.db);
  signedIn = {
    db: database.db,
    teamId: team.teamId,
    role,
    sessionId: "00000000-0000-4000-8000-000000000009",
    marketer: { id: "00000000-0000-4000-8000-000000000008", name: "Role Tester", email: team.email },
  };
  try {
    return await action({});
  } catch {
    return { ok: false, code: "threw" };
  } finally {
    signedIn = null;
  }
}

describe(`role × action (${databaseKind()})`, () => {
  it("lists every dashboard action in the table", () => {
    const rename: Record<string, string> = { rotateSecret: "rotateSigningSecret" };
    const names = [...actions.keys()].map((name) => rename[name] ?? name).sort();
    expect(names).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const role of ALL) {
    it(`lets a ${role} do exactly what the table says`, async () => {
      const wrong: string[] = [];
      for (const [name, action] of actions) {
        const policy = EXPECTED[name === "rotateSecret" ? "rotateSigningSecret" : name]!;
        const result = await callAs(role, action);
        const refused = result.ok === false && result.code === "forbidden";
        if (refused === policy.includes(role)) wrong.push(`${name}: ${refused ? "refused" : "allowed"}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
