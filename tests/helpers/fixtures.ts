import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { TeamContext } from "@/db/scope";
import { signUp } from "@/lib/auth/sign-up";
import { createCampaign } from "@/lib/campaigns/save-campaign";
import type { CampaignInput } from "@/lib/campaigns/schemas";
import { joinCampaign, signUpThroughReferral, type PublicAnswer, type Visitor } from "@/lib/participants/join-campaign";

export const uniqueEmail = (prefix = "user") =>
  `${prefix.replace(/[^a-z0-9.]/gi, "")}-${randomBytes(5).toString("hex")}@example.com`;

function expectOk<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`fixture failed: ${result.message}`);
  return result.value;
}

/** A visitor of the public pages on an address of its own, so fixtures never meet the per-network limit. */
export const newVisitor = (): Visitor => ({ address: `10.${[...randomBytes(3)].join(".")}`, joinedAs: [] });

function joined(answer: PublicAnswer) {
  if (answer.outcome !== "joined") throw new Error(`fixture failed: ${answer.outcome}`);
  return answer.participant;
}

export async function createTeam(db: Db): Promise<TeamContext & { email: string }> {
  const email = uniqueEmail("marketer");
  const account = expectOk(await signUp(db, { name: "Test Marketer", email, password: "correct horse battery" }));
  return { db, teamId: account.teamId, email };
}

export async function createTestCampaign(ctx: TeamContext, overrides: Partial<CampaignInput> = {}) {
  return expectOk(
    await createCampaign(ctx, {
      name: "Test campaign",
      landingUrl: "https://example.com/landing",
      referrerReward: "$20 credit",
      ...overrides,
    }),
  );
}

export async function createReferrer(db: Db, campaignId: string, firstName = "Ada") {
  return joined(
    expectOk(
      await joinCampaign(db, campaignId, { firstName, email: uniqueEmail(firstName.toLowerCase()) }, newVisitor()),
    ),
  );
}

export async function createLead(db: Db, referralCode: string, firstName = "Lin") {
  return joined(
    expectOk(
      await signUpThroughReferral(
        db,
        referralCode,
        { firstName, email: uniqueEmail(firstName.toLowerCase()) },
        newVisitor(),
      ),
    ),
  );
}

/** A team with a campaign, a referrer and one pending lead. */
export async function createProgram(db: Db, overrides: Partial<CampaignInput> = {}) {
  const team = await createTeam(db);
  const campaign = await createTestCampaign(team, overrides);
  const referrer = await createReferrer(db, campaign.id);
  const lead = await createLead(db, referrer.referralCode);
  return { team, campaign, referrer, lead };
}
