import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { outboxEvents, participants, type Participant } from "@/db/schema";
import { signValue } from "@/lib/crypto/sign-value";
import { joinCampaign, signUpThroughReferral, type Visitor } from "@/lib/participants/join-campaign";
import { joinedCookie, readJoinedCookie } from "@/lib/participants/joined-cookie";
import { createTeam, createTestCampaign, newVisitor, uniqueEmail } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

/** The browser that joined as these participants: its cookie, written and read back as the action does. */
function browserThatJoinedAs(...joined: Participant[]): Visitor {
  const cookie = joined.reduce<string[]>((ids, p) => readJoinedCookie(joinedCookie(ids, p.id).value), []);
  return { ...newVisitor(), joinedAs: cookie };
}

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

/** Nothing of the person (name, code, link, id, status, email) is in what the visitor is handed. */
function expectNothingOf(person: Participant, answer: unknown) {
  const text = JSON.stringify(answer).toLowerCase();
  for (const detail of [
    person.firstName,
    person.referralCode,
    person.id,
    person.email,
    "pending",
    "referrer_id",
    "referralcode",
  ]) {
    expect(text).not.toContain(detail.toLowerCase());
  }
}

/** A campaign with a referrer and a lead of theirs, each joined in a browser of their own. */
async function campaignWithPeople() {
  const team = await createTeam(database.db);
  const campaign = await createTestCampaign(team);
  const referrerEmail = uniqueEmail("zephyrine");
  const first = await joinCampaign(
    database.db,
    campaign.id,
    { firstName: "Zephyrine", email: referrerEmail },
    newVisitor(),
  );
  if (!first.ok || first.value.outcome !== "joined") throw new Error("the referrer could not join");
  const referrer = first.value.participant;
  const leadEmail = uniqueEmail("quillon");
  const second = await signUpThroughReferral(
    database.db,
    referrer.referralCode,
    { firstName: "Quillon", email: leadEmail },
    newVisitor(),
  );
  if (!second.ok || second.value.outcome !== "joined") throw new Error("the lead could not sign up");
  return { campaign, referrer, lead: second.value.participant };
}

describe(`the join page tells a stranger nothing about who is in the campaign (${databaseKind()})`, () => {
  it("an existing referrer's email from another browser gets the neutral answer, with nothing of theirs and nothing written", async () => {
    const { campaign, referrer } = await campaignWithPeople();
    const before = await tally(campaign.id);
    const answer = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Mallory", email: referrer.email.toUpperCase() },
      newVisitor(),
    );
    expect(answer).toEqual({ ok: true, value: { outcome: "undisclosed" } });
    expectNothingOf(referrer, answer);
    expect(await tally(campaign.id)).toEqual(before);
  });

  it("the browser that joined sees its link again, and nothing is written", async () => {
    const { campaign, referrer } = await campaignWithPeople();
    const before = await tally(campaign.id);
    const answer = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Z", email: referrer.email },
      browserThatJoinedAs(referrer),
    );
    expect(answer).toMatchObject({
      ok: true,
      value: {
        outcome: "returning",
        participant: { id: referrer.id, referralCode: referrer.referralCode, firstName: "Zephyrine" },
      },
    });
    expect(await tally(campaign.id)).toEqual(before);
  });

  it("a cookie for someone else, a forged cookie or a cookie signed for another purpose shows nothing", async () => {
    const { campaign, referrer } = await campaignWithPeople();
    const other = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Other", email: uniqueEmail("other") },
      newVisitor(),
    );
    if (!other.ok || other.value.outcome !== "joined") throw new Error("the other referrer could not join");
    const genuine = joinedCookie([], other.value.participant.id).value;
    const [, mac] = genuine.split(".");
    const forgeries = [
      `${Buffer.from(referrer.id).toString("base64url")}.${mac}`,
      `${Buffer.from(referrer.id).toString("base64url")}.${"A".repeat(43)}`,
      signValue(referrer.id, "another-purpose"),
      referrer.id,
    ];
    expect(forgeries.map((value) => readJoinedCookie(value))).toEqual([[], [], [], []]);
    const visitors: Visitor[] = [
      browserThatJoinedAs(other.value.participant),
      ...forgeries.map((value) => ({ ...newVisitor(), joinedAs: readJoinedCookie(value) })),
    ];
    for (const visitor of visitors) {
      const answer = await joinCampaign(
        database.db,
        campaign.id,
        { firstName: "Mallory", email: referrer.email },
        visitor,
      );
      expect(answer).toEqual({ ok: true, value: { outcome: "undisclosed" } });
      expectNothingOf(referrer, answer);
    }
  });

  it("a lead's email at the join page is neutral, even in the lead's own browser, and becomes no referrer", async () => {
    const { campaign, lead } = await campaignWithPeople();
    const before = await tally(campaign.id);
    for (const visitor of [newVisitor(), browserThatJoinedAs(lead)]) {
      const answer = await joinCampaign(database.db, campaign.id, { firstName: "Mallory", email: lead.email }, visitor);
      expect(answer).toEqual({ ok: true, value: { outcome: "undisclosed" } });
      expectNothingOf(lead, answer);
    }
    expect(await tally(campaign.id)).toEqual(before);
  });
});

describe(`the referral form tells a stranger nothing either (${databaseKind()})`, () => {
  it("an existing lead's email from another browser gets no code and no redirect target with it, and nothing is written", async () => {
    const { campaign, referrer, lead } = await campaignWithPeople();
    const before = await tally(campaign.id);
    const answer = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Mallory", email: lead.email },
      newVisitor(),
    );
    expect(answer).toMatchObject({ ok: true, value: { outcome: "undisclosed", campaign: { id: campaign.id } } });
    expect(answer.ok && "participant" in answer.value).toBe(false);
    expectNothingOf(lead, answer);
    expect(await tally(campaign.id)).toEqual(before);
  });

  it("the referrer's own email typed into their link's form is neutral too", async () => {
    const { campaign, referrer } = await campaignWithPeople();
    const answer = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Mallory", email: referrer.email },
      newVisitor(),
    );
    expect(answer).toMatchObject({ ok: true, value: { outcome: "undisclosed" } });
    if (answer.ok) expectNothingOf(referrer, { ...answer.value, campaign: undefined });
    expect(await tally(campaign.id)).toMatchObject({ participants: 2 });
  });

  it("the lead's own browser continues with its code, and a cookie for another lead does not", async () => {
    const { campaign, referrer, lead } = await campaignWithPeople();
    const sibling = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Sib", email: uniqueEmail("sib") },
      newVisitor(),
    );
    if (!sibling.ok || sibling.value.outcome !== "joined") throw new Error("the sibling could not sign up");
    const before = await tally(campaign.id);
    const own = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Q", email: lead.email },
      browserThatJoinedAs(sibling.value.participant, lead),
    );
    expect(own).toMatchObject({
      ok: true,
      value: { outcome: "returning", participant: { id: lead.id, referralCode: lead.referralCode } },
    });
    const elsewhere = await signUpThroughReferral(
      database.db,
      referrer.referralCode,
      { firstName: "Q", email: lead.email },
      browserThatJoinedAs(sibling.value.participant),
    );
    expect(elsewhere).toMatchObject({ ok: true, value: { outcome: "undisclosed" } });
    expectNothingOf(lead, elsewhere.ok ? { ...elsewhere.value, campaign: undefined } : elsewhere);
    expect(await tally(campaign.id)).toEqual(before);
  });
});

describe("the joined cookie", () => {
  it("remembers the latest participants a browser joined as, each once", () => {
    const ids = Array.from({ length: 25 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const cookie = ids.reduce<string[]>((held, id) => readJoinedCookie(joinedCookie(held, id).value), []);
    expect(cookie).toEqual(ids.slice(-20));
    expect(readJoinedCookie(joinedCookie(cookie, ids[10]!).value)).toEqual([
      ...ids.slice(5).filter((id) => id !== ids[10]),
      ids[10],
    ]);
    expect(joinedCookie([], ids[0]!)).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
  });
});
