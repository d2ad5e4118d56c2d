import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { outboxEvents, participants } from "@/db/schema";
import { joinCampaign, signUpThroughReferral } from "@/lib/participants/join-campaign";
import { PUBLIC_SIGN_UPS_PER_ADDRESS, PUBLIC_SIGN_UPS_PER_CAMPAIGN } from "@/lib/participants/public-sign-up-limits";
import { createReferrer, createTeam, createTestCampaign, uniqueEmail } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const WINDOW_MS = PUBLIC_SIGN_UPS_PER_ADDRESS.windowMs;
/** The middle of a window, so a test never straddles a window boundary by accident. */
const parked = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS / 2;

let lastAddress = 0;
/** Each test signs up from addresses of its own: the per-address limit spans all campaigns. */
const freshAddress = () => `198.18.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;
const visitorAt = (address: string | null) => ({ address, joinedAs: [] });

async function tally(campaignId: string) {
  const [people] = await database.db
    .select({ n: count() })
    .from(participants)
    .where(eq(participants.campaignId, campaignId));
  const [events] = await database.db
    .select({ n: count() })
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, campaignId));
  return { participants: people!.n, events: events!.n };
}

async function newCampaign() {
  return createTestCampaign(await createTeam(database.db));
}

const join = (campaignId: string, address: string | null, now = parked) =>
  joinCampaign(database.db, campaignId, { firstName: "Script", email: uniqueEmail("script") }, visitorAt(address), now);

describe(`public sign-up limits (${databaseKind()})`, () => {
  it("twenty parallel joins from one address make ten people; the rest are told to wait and write nothing", async () => {
    const campaign = await newCampaign();
    const address = freshAddress();
    const answers = await Promise.all(Array.from({ length: 20 }, () => join(campaign.id, address)));
    expect(answers.filter((a) => a.ok)).toHaveLength(PUBLIC_SIGN_UPS_PER_ADDRESS.limit);
    expect(answers.filter((a) => !a.ok)).toHaveLength(10);
    for (const refused of answers.filter((a) => !a.ok)) {
      expect(refused).toMatchObject({
        code: "throttled",
        message: "Too many sign-ups from your network. Try again in 5 minutes.",
      });
    }
    expect(await tally(campaign.id)).toEqual({ participants: 10, events: 20 });
  });

  it("the address limit spans both forms and every campaign, and lifts in the next window", async () => {
    const first = await newCampaign();
    const second = await newCampaign();
    const referrer = await createReferrer(database.db, second.id);
    const address = freshAddress();
    for (let i = 0; i < 5; i++) expect((await join(first.id, address)).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      const lead = await signUpThroughReferral(
        database.db,
        referrer.referralCode,
        { firstName: "Lead", email: uniqueEmail("lead") },
        visitorAt(address),
        parked,
      );
      expect(lead.ok).toBe(true);
    }
    const before = [await tally(first.id), await tally(second.id)];
    expect(await join(first.id, address)).toMatchObject({ code: "throttled" });
    const lead = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Lead", email: uniqueEmail("lead") },
      visitorAt(address),
      parked,
    );
    expect(lead).toMatchObject({
      code: "throttled",
      message: expect.stringMatching(/^Too many sign-ups from your network\./),
    });
    expect([await tally(first.id), await tally(second.id)]).toEqual(before);
    expect((await join(first.id, freshAddress())).ok).toBe(true);
    expect((await join(first.id, address, parked + WINDOW_MS)).ok).toBe(true);
  });

  it("an IPv6 client counts as its /64, and a request with no known address still counts", async () => {
    const campaign = await newCampaign();
    const results = [];
    for (let i = 1; i <= 11; i++) results.push(await join(campaign.id, `2001:db8:7:9::${i.toString(16)}`));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results[10]).toMatchObject({ code: "throttled" });
    expect((await join(campaign.id, "2001:db8:7:a::1")).ok).toBe(true);

    const unknown = await Promise.all(Array.from({ length: 11 }, () => join(campaign.id, null)));
    expect(unknown.filter((r) => !r.ok)).toHaveLength(1);
  });

  it(`a campaign takes ${PUBLIC_SIGN_UPS_PER_CAMPAIGN.limit} sign-ups a window from everywhere, then refuses without writing`, async () => {
    const campaign = await newCampaign();
    const limit = PUBLIC_SIGN_UPS_PER_CAMPAIGN.limit;
    const answers = [];
    for (let start = 0; start < limit + 20; start += 40) {
      const batch = Array.from({ length: Math.min(40, limit + 20 - start) }, () => join(campaign.id, freshAddress()));
      answers.push(...(await Promise.all(batch)));
    }
    expect(answers.filter((a) => a.ok)).toHaveLength(limit);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(20);
    expect(refused[0]).toMatchObject({
      code: "throttled",
      message: "This campaign is taking more sign-ups than usual. Try again in 5 minutes.",
    });
    expect(await tally(campaign.id)).toEqual({ participants: limit, events: 2 * limit });
    // Another campaign is not affected.
    expect((await join((await newCampaign()).id, freshAddress())).ok).toBe(true);
  });
});
