import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { marketers } from "@/db/schema";
import { signUp } from "@/lib/auth/sign-up";
import { createCampaign } from "@/lib/campaigns/save-campaign";
import { requestInboxEnabled } from "@/lib/config/env";
import { openInbox } from "@/lib/inbox/open-inbox";
import { addParticipant } from "@/lib/participants/add-participant";
import { joinCampaign, signUpThroughReferral, type PublicAnswer, type Visitor } from "@/lib/participants/join-campaign";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";

export const DEMO_LOGIN = { email: "demo@referwire.test", password: "demo-password" } as const;

/** The demo's people join as visitors of the public pages would, from no address in particular. */
const SEED_VISITOR: Visitor = { address: null, joinedAs: [] };

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
  if (requestInboxEnabled()) {
    // Made before anyone joins, so the demo's own events are delivered to the inbox as well.
    // A server whose address rules refuse its own URL simply seeds without it.
    await createWebhook(ctx, campaign.id, {
      name: "Request inbox (demo)",
      url: (await openInbox(ctx)).url,
      method: "POST",
      event: "user.joined",
      sources: [],
      headers: [],
      credentials: [],
    });
  }
  const ada = joined(await joinCampaign(db, campaign.id, { firstName: "Ada", email: "ada@example.com" }, SEED_VISITOR));
  const grace = joined(
    await joinCampaign(db, campaign.id, { firstName: "Grace", email: "grace@example.com" }, SEED_VISITOR),
  );
  const lin = joined(
    await signUpThroughReferral(db, ada.referralCode, { firstName: "Lin", email: "lin@example.com" }, SEED_VISITOR),
  );
  joined(
    await signUpThroughReferral(db, ada.referralCode, { firstName: "Sam", email: "sam@example.com" }, SEED_VISITOR),
  );
  unwrap(
    await addParticipant(ctx, campaign.id, {
      type: "lead",
      firstName: "Noor",
      email: "noor@example.com",
      referrer: grace.email,
    }),
  );
  unwrap(await qualifyLead(ctx, { id: lin.id }));
  return "created";
}

/** Seeds only a database with no accounts at all (the first `npm run dev`). */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(marketers);
  if ((row?.n ?? 0) > 0) return false;
  return (await seedDemo(db)) === "created";
}

function joined(result: { ok: true; value: PublicAnswer } | { ok: false; message: string }) {
  const answer = unwrap(result);
  if (answer.outcome !== "joined") throw new Error("Seeding failed: the demo's people are already there");
  return answer.participant;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`Seeding failed: ${result.message}`);
  return result.value;
}
