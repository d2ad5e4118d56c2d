import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketers } from "@/db/schema";
import { signUp } from "@/lib/auth/sign-up";
import { createCampaign } from "@/lib/campaigns/save-campaign";
import { addUser } from "@/lib/users/add-user";
import { joinCampaign, signUpThroughReferral } from "@/lib/users/join-campaign";
import { qualifyLead } from "@/lib/users/qualify-lead";

export const DEMO_LOGIN = { email: "demo@referwire.test", password: "demo-password" } as const;

/** The demo marketer and a living campaign, made through the same domain functions as the app. */
export async function seedDemo(db: Db): Promise<"created" | "exists"> {
  const [existing] = await db.select({ id: marketers.id }).from(marketers).where(eq(marketers.email, DEMO_LOGIN.email));
  if (existing) return "exists";
  const account = unwrap(await signUp(db, { name: "Demo Marketer", ...DEMO_LOGIN }));
  const ctx = { db, teamId: account.teamId };
  const campaign = unwrap(
    await createCampaign(ctx, {
      name: "Spring referral programme",
      landingUrl: "https://example.com/welcome",
      referrerReward: "$20 account credit",
      leadReward: "10% off the first order",
      rewardMode: "per_lead",
      autoIssueRewards: false,
    }),
  );
  const ada = unwrap(await joinCampaign(db, campaign.id, { firstName: "Ada", email: "ada@example.com" })).participant;
  const grace = unwrap(await joinCampaign(db, campaign.id, { firstName: "Grace", email: "grace@example.com" })).participant;
  const lin = unwrap(await signUpThroughReferral(db, ada.referralCode, { firstName: "Lin", email: "lin@example.com" })).participant;
  unwrap(await signUpThroughReferral(db, ada.referralCode, { firstName: "Sam", email: "sam@example.com" }));
  unwrap(await addUser(ctx, campaign.id, { type: "lead", firstName: "Noor", email: "noor@example.com", referrer: grace.email }));
  unwrap(await qualifyLead(ctx, { id: lin.id }));
  return "created";
}

/** Seeds only a database with no accounts at all (the first `npm run dev`). */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(marketers);
  if ((row?.n ?? 0) > 0) return false;
  return (await seedDemo(db)) === "created";
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`Seeding failed: ${result.message}`);
  return result.value;
}
