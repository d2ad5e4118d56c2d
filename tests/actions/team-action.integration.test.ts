import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { openPostgres, type Database } from "@/db/client";
import { campaigns } from "@/db/schema";
import type { SignedInContext } from "@/lib/auth/session";
import { ACTION_FAILED_MESSAGE, ACTION_UNAVAILABLE_MESSAGE, failedWith, succeeded } from "@/lib/actions/action-result";
import { createTeamAction } from "@/lib/actions/action-wrappers";
import { createCampaign } from "@/lib/campaigns/save-campaign";
import { campaignSchema } from "@/lib/campaigns/schemas";
import { createTeam } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// Registered first, so its afterAll closes the file's database after the hook below.
const database = setUpTestDatabase();
let closedPort: Database;
beforeAll(async () => {
  // Nothing listens on port 1: every statement fails as in an outage.
  closedPort = await openPostgres("postgres://postgres@127.0.0.1:1/referwire", { max: 1 });
});
afterAll(async () => {
  await closedPort?.close();
});
afterEach(() => vi.restoreAllMocks());

async function signedIn(): Promise<SignedInContext> {
  const team = await createTeam(database.db);
  return {
    db: database.db,
    teamId: team.teamId,
    marketer: { id: "00000000-0000-4000-8000-000000000001", name: "Test Marketer", email: team.email },
    role: "owner",
    sessionId: "00000000-0000-4000-8000-000000000003",
  };
}

/** The campaign form's action, written as the dashboard writes it, with the session given. */
function createCampaignAction(ctx: SignedInContext | null) {
  const teamAction = createTeamAction(async () => ctx);
  return teamAction(
    { name: "createCampaign", permission: "manageCampaigns", schema: campaignSchema },
    async (input, team) => {
      const result = await createCampaign(team, input);
      return result.ok ? succeeded({ id: result.value.id }, "Campaign created") : failedWith(result);
    },
  );
}

const campaignForm = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
};

const campaignsOf = (teamId: string) =>
  database.db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(eq(campaigns.teamId, teamId));

describe(`teamAction (${databaseKind()})`, () => {
  it("sends a visitor without a session to sign-in, before reading the input", async () => {
    const action = createCampaignAction(null);
    await expect(
      action({ name: "x", landingUrl: "https://example.com/x", referrerReward: "$1" }),
    ).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT;replace;/sign-in") });
  });

  it("runs the action for the signed-in team, from a FormData or an object", async () => {
    const ctx = await signedIn();
    const action = createCampaignAction(ctx);
    const fromForm = await action(
      null,
      campaignForm({
        name: "Spring",
        landingUrl: "https://example.com/spring",
        referrerReward: "$20",
        autoIssueRewards: "on",
      }),
    );
    const fromObject = await action({
      name: "Autumn",
      landingUrl: "https://example.com/autumn",
      referrerReward: "$10",
    });
    expect(fromForm).toMatchObject({ ok: true, message: "Campaign created" });
    expect(fromObject).toMatchObject({ ok: true });
    expect((await campaignsOf(ctx.teamId)).map((c) => c.name).sort()).toEqual(["Autumn", "Spring"]);
  });

  it("answers bad input with every field error and what was typed, and writes nothing", async () => {
    const ctx = await signedIn();
    const action = createCampaignAction(ctx);
    const result = await action(null, campaignForm({ name: "", landingUrl: "not a url", referrerReward: "$20" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String), landingUrl: expect.any(String) },
      values: { name: "", landingUrl: "not a url", referrerReward: "$20" },
    });
    expect(await campaignsOf(ctx.teamId)).toEqual([]);
  });

  it("turns a thrown error into a generic failure and logs it with the action and team, not the input", async () => {
    const ctx = await signedIn();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const teamAction = createTeamAction(async () => ctx);
    const action = teamAction(
      { name: "explode", permission: "runProgram", schema: z.object({ secret: z.string() }) },
      async () => {
        throw new Error("Failed query: insert into webhooks …\nparams: the-secret-value");
      },
    );
    expect(await action({ secret: "the-secret-value" })).toEqual({ ok: false, message: ACTION_FAILED_MESSAGE });
    expect(logged).toHaveBeenCalledOnce();
    const line = JSON.stringify(logged.mock.calls[0]);
    expect(line).toContain("[action] explode failed unexpectedly");
    expect(line).toContain(ctx.teamId);
    expect(line).toContain("Failed query: insert into webhooks");
    expect(line).not.toContain("the-secret-value");
  });

  it("says the service is temporarily unavailable when the database cannot be reached", async () => {
    const ctx = await signedIn();
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const action = createCampaignAction({ ...ctx, db: closedPort.db });
    const result = await action({ name: "Outage", landingUrl: "https://example.com/o", referrerReward: "$5" });
    expect(result).toEqual({ ok: false, message: ACTION_UNAVAILABLE_MESSAGE });
    expect(JSON.stringify(warned.mock.calls[0])).toContain("[action] createCampaign: database unavailable");
  });

  it("says so too when the session itself cannot be read for the outage", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const teamAction = createTeamAction(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    });
    const action = teamAction({ name: "anything", permission: "runProgram", schema: z.object({}) }, async () =>
      succeeded(undefined),
    );
    expect(await action({})).toEqual({ ok: false, message: ACTION_UNAVAILABLE_MESSAGE });
  });
});
