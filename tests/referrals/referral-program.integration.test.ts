import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { inboundRequests, outboxEvents, participants, rewards } from "@/db/schema";
import { getCampaignStats } from "@/lib/campaigns/campaign-stats";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { updateCampaign } from "@/lib/campaigns/save-campaign";
import { issueReward } from "@/lib/rewards/issue-reward";
import { addParticipant } from "@/lib/participants/add-participant";
import { joinCampaign, signUpThroughReferral } from "@/lib/participants/join-campaign";
import { findLeadWithReferrer, qualifyFoundLead, qualifyLead, unqualifyLead } from "@/lib/participants/qualify-lead";
import {
  createLead,
  createProgram,
  createReferrer,
  createTeam,
  createTestCampaign,
  newVisitor,
  uniqueEmail,
} from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const eventsOf = (campaignId: string) =>
  database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, campaignId))
    .orderBy(outboxEvents.createdAt);
const rewardsOf = (campaignId: string) => database.db.select().from(rewards).where(eq(rewards.campaignId, campaignId));

describe(`joining (${databaseKind()})`, () => {
  it("a referrer who joins gets a code and link, and user.joined + referrer.joined are written", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const result = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Ada", email: "ADA@example.com" },
      newVisitor(),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { outcome: "joined", participant: { kind: "referrer", source: "Direct", email: "ada@example.com" } },
    });
    if (!result.ok || result.value.outcome !== "joined") return;
    expect(result.value.participant.referralCode).toMatch(/^[2-9a-z]{12}$/);
    const events = await eventsOf(campaign.id);
    expect(events.map((e) => e.type).sort()).toEqual(["referrer.joined", "user.joined"]);
    expect(events[0]!.data).toMatchObject({
      user: {
        id: result.value.participant.id,
        first_name: "Ada",
        source: "Direct",
        referral_link: `http://localhost:3000/r/${result.value.participant.referralCode}`,
      },
      campaign: { id: campaign.id, name: campaign.name },
      referrer: null,
    });
  });

  it("joining again with the same email in the browser that joined returns the same referrer and writes no event", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const first = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Ada", email: "ada@example.com" },
      newVisitor(),
    );
    if (!first.ok || first.value.outcome !== "joined") throw new Error("the first join failed");
    const sameBrowser = { ...newVisitor(), joinedAs: [first.value.participant.id] };
    const second = await joinCampaign(
      database.db,
      campaign.id,
      { firstName: "Ada again", email: "Ada@Example.com" },
      sameBrowser,
    );
    expect(second).toMatchObject({
      ok: true,
      value: { outcome: "returning", participant: { id: first.value.participant.id } },
    });
    expect(await eventsOf(campaign.id)).toHaveLength(2);
  });

  it("a friend who signs up through a referral link becomes a pending lead of that referrer", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const referrer = await createReferrer(database.db, campaign.id);
    const result = await signUpThroughReferral(
      database.db,
      referrer.referralCode.toUpperCase(),
      { firstName: "Lin", email: uniqueEmail() },
      newVisitor(),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        outcome: "joined",
        participant: { kind: "lead", source: "Referred", status: "pending", referrerId: referrer.id },
      },
    });
    const leadEvents = (await eventsOf(campaign.id)).filter(
      (e) => (e.data as { user: { type: string } }).user.type === "lead",
    );
    expect(leadEvents.map((e) => e.type).sort()).toEqual(["lead.created", "user.joined"]);
    expect(leadEvents[0]!.data).toMatchObject({ referrer: { id: referrer.id, referral_code: referrer.referralCode } });
  });

  it("bad input and unknown links are clear errors that write nothing", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    expect(await joinCampaign(database.db, campaign.id, { firstName: "", email: "nope" }, newVisitor())).toMatchObject({
      ok: false,
      fieldErrors: { firstName: expect.any(String), email: expect.any(String) },
    });
    expect(
      await joinCampaign(database.db, "not-a-uuid", { firstName: "A", email: uniqueEmail() }, newVisitor()),
    ).toMatchObject({ code: "not_found" });
    expect(
      await signUpThroughReferral(database.db, "unknowncode1", { firstName: "A", email: uniqueEmail() }, newVisitor()),
    ).toMatchObject({ code: "not_found" });
    expect(await eventsOf(campaign.id)).toHaveLength(0);
  });

  it("a lead's own code is not a referral link", async () => {
    const { lead } = await createProgram(database.db);
    expect(
      await signUpThroughReferral(
        database.db,
        lead.referralCode,
        { firstName: "X", email: uniqueEmail() },
        newVisitor(),
      ),
    ).toMatchObject({ code: "not_found" });
  });

  it("marketers add referrers and leads by hand with source Added", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const referrer = await addParticipant(team, campaign.id, {
      type: "referrer",
      firstName: "Ref",
      email: uniqueEmail(),
    });
    expect(referrer).toMatchObject({ ok: true, value: { source: "Added", kind: "referrer" } });
    if (!referrer.ok) return;
    const lead = await addParticipant(team, campaign.id, {
      type: "lead",
      firstName: "Lead",
      email: uniqueEmail(),
      referrer: referrer.value.email,
    });
    expect(lead).toMatchObject({ ok: true, value: { source: "Added", referrerId: referrer.value.id } });
    expect(
      await addParticipant(team, campaign.id, {
        type: "lead",
        firstName: "Orphan",
        email: uniqueEmail(),
        referrer: "",
      }),
    ).toMatchObject({
      fieldErrors: { referrer: expect.any(String) },
    });
    expect(
      await addParticipant(team, campaign.id, { type: "referrer", firstName: "Dup", email: referrer.value.email }),
    ).toMatchObject({ code: "conflict" });
    expect(await eventsOf(campaign.id)).toHaveLength(4);
  });
});

describe(`qualification and rewards (${databaseKind()})`, () => {
  it("qualifying writes lead.qualified and a due reward for the referrer", async () => {
    const { team, campaign, referrer, lead } = await createProgram(database.db);
    const result = await qualifyLead(team, { id: lead.id });
    expect(result).toMatchObject({ ok: true, value: { alreadyQualified: false, lead: { status: "qualified" } } });
    const qualified = (await eventsOf(campaign.id)).filter((e) => e.type === "lead.qualified");
    expect(qualified).toHaveLength(1);
    expect(qualified[0]!.data).toMatchObject({
      user: { id: lead.id, status: "qualified" },
      referrer: { id: referrer.id },
    });
    expect(await rewardsOf(campaign.id)).toMatchObject([
      { recipientId: referrer.id, status: "due", description: "$20 credit" },
    ]);
    expect((await eventsOf(campaign.id)).some((e) => e.type === "reward.issued")).toBe(false);
  });

  it("twenty parallel qualifications of one lead qualify once, with one event and one reward", async () => {
    const { team, campaign, lead } = await createProgram(database.db, {
      leadReward: "10% off",
      autoIssueRewards: true,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => qualifyLead(team, { id: lead.id })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.value.alreadyQualified)).toHaveLength(1);
    const types = (await eventsOf(campaign.id))
      .map((e) => e.type)
      .filter((t) => t !== "user.joined" && t !== "referrer.joined" && t !== "lead.created");
    expect(types.sort()).toEqual(["lead.qualified", "reward.issued", "reward.issued"]);
    expect(await rewardsOf(campaign.id)).toHaveLength(2);
  });

  it("auto-issue issues rewards at once with reward.issued carrying the reward", async () => {
    const { team, campaign, referrer, lead } = await createProgram(database.db, { autoIssueRewards: true });
    await qualifyLead(team, { id: lead.id });
    const [reward] = await rewardsOf(campaign.id);
    expect(reward).toMatchObject({ status: "issued", issuedAt: expect.any(Date) });
    const issued = (await eventsOf(campaign.id)).find((e) => e.type === "reward.issued");
    expect(issued!.data).toMatchObject({ user: { id: referrer.id }, reward: { id: reward!.id, status: "issued" } });
  });

  it("every-N rule: one reward per N qualified leads, also when they qualify at once", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { rewardMode: "every_n", rewardEveryN: 3 });
    const referrer = await createReferrer(database.db, campaign.id);
    const leads = [];
    for (let i = 0; i < 7; i++) leads.push(await createLead(database.db, referrer.referralCode, `Lead${i}`));
    await Promise.all(leads.map((l) => qualifyLead(team, { id: l.id })));
    const granted = await rewardsOf(campaign.id);
    expect(granted.map((r) => r.grantKey).sort()).toEqual([
      `referrer:${referrer.id}:milestone:1`,
      `referrer:${referrer.id}:milestone:2`,
    ]);
  });

  it("unqualify returns the lead to pending without an event; qualifying again grants nothing twice", async () => {
    const { team, campaign, lead } = await createProgram(database.db);
    await qualifyLead(team, { id: lead.id });
    const eventsBefore = (await eventsOf(campaign.id)).length;
    const back = await unqualifyLead(team, { id: lead.id });
    expect(back).toMatchObject({
      ok: true,
      value: { lead: { status: "pending", qualifiedAt: null, unqualifiedAt: expect.any(Date) } },
    });
    expect(await eventsOf(campaign.id)).toHaveLength(eventsBefore);
    await qualifyLead(team, { id: lead.id });
    expect((await eventsOf(campaign.id)).filter((e) => e.type === "lead.qualified")).toHaveLength(2);
    expect(await rewardsOf(campaign.id)).toHaveLength(1);
  });

  it("re-qualifying with auto-issued rewards issues nothing twice", async () => {
    const { team, campaign, lead } = await createProgram(database.db, {
      leadReward: "10% off",
      autoIssueRewards: true,
    });
    await qualifyLead(team, { id: lead.id });
    await unqualifyLead(team, { id: lead.id });
    expect(await qualifyLead(team, { id: lead.id })).toMatchObject({ ok: true, value: { changed: true } });
    expect((await eventsOf(campaign.id)).filter((e) => e.type === "reward.issued")).toHaveLength(2);
    expect(await rewardsOf(campaign.id)).toHaveLength(2);
  });

  it("a qualification whose write fails leaves the lead pending with no event and no reward", async () => {
    const { team, campaign, lead } = await createProgram(database.db, { leadReward: "10% off" });
    const found = await findLeadWithReferrer(database.db, team.teamId, eq(participants.id, lead.id));
    const broken = { table: inboundRequests, row: { teamId: team.teamId, campaignId: campaign.id, httpStatus: null } };
    await expect(qualifyFoundLead(database.db, team.teamId, found, { alsoInsert: [broken] })).rejects.toThrow();
    expect((await database.db.select().from(participants).where(eq(participants.id, lead.id)))[0]).toMatchObject({
      status: "pending",
      qualifiedAt: null,
    });
    expect((await eventsOf(campaign.id)).some((e) => e.type === "lead.qualified")).toBe(false);
    expect(await rewardsOf(campaign.id)).toHaveLength(0);
  });

  it("a referrer cannot be qualified; unknown leads are not found", async () => {
    const { team, referrer } = await createProgram(database.db);
    expect(await qualifyLead(team, { id: referrer.id })).toMatchObject({ ok: false, code: "invalid" });
    expect(await qualifyLead(team, { referralCode: "doesnotexist" })).toMatchObject({ code: "not_found" });
    expect(await qualifyLead(team, { id: "garbage" })).toMatchObject({ code: "not_found" });
  });

  it("issuing a due reward writes reward.issued once, however often it is clicked", async () => {
    const { team, campaign, lead } = await createProgram(database.db);
    await qualifyLead(team, { id: lead.id });
    const [reward] = await rewardsOf(campaign.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => issueReward(team, reward!.id)));
    expect(results.filter((r) => r.ok && !r.value.alreadyIssued)).toHaveLength(1);
    expect((await eventsOf(campaign.id)).filter((e) => e.type === "reward.issued")).toHaveLength(1);
    expect(await getCampaignStats(team, campaign.id)).toEqual({
      referrers: 1,
      leadsPending: 0,
      leadsQualified: 1,
      rewardsDue: 0,
      rewardsIssued: 1,
    });
  });

  it("a change that fails writes no event", async () => {
    const { team, campaign, lead } = await createProgram(database.db);
    const before = (await eventsOf(campaign.id)).length;
    await expect(
      database.db.transaction(async (tx) => {
        await qualifyLead({ db: tx, teamId: team.teamId }, { id: lead.id });
        throw new Error("boom after qualifying");
      }),
    ).rejects.toThrow("boom");
    expect(await eventsOf(campaign.id)).toHaveLength(before);
    const [row] = await database.db.select().from(participants).where(eq(participants.id, lead.id));
    expect(row!.status).toBe("pending");
  });
});

describe(`tenancy (${databaseKind()})`, () => {
  it("another team can neither see nor change a campaign, lead or reward", async () => {
    const a = await createProgram(database.db);
    await qualifyLead(a.team, { id: a.lead.id });
    const [reward] = await rewardsOf(a.campaign.id);
    const b = await createTeam(database.db);
    expect(await getCampaign(b, a.campaign.id)).toBeNull();
    expect(
      await updateCampaign(b, a.campaign.id, {
        name: "Stolen",
        landingUrl: "https://evil.example",
        referrerReward: "x",
      }),
    ).toMatchObject({ code: "not_found" });
    expect(await unqualifyLead(b, { id: a.lead.id })).toMatchObject({ code: "not_found" });
    expect(await qualifyLead(b, { referralCode: a.lead.referralCode })).toMatchObject({ code: "not_found" });
    expect(await issueReward(b, reward!.id)).toMatchObject({ code: "not_found" });
    expect(
      await addParticipant(b, a.campaign.id, { type: "referrer", firstName: "X", email: uniqueEmail() }),
    ).toMatchObject({ code: "not_found" });
    const [lead] = await database.db
      .select()
      .from(participants)
      .where(and(eq(participants.id, a.lead.id)));
    expect(lead!.status).toBe("qualified");
    expect((await getCampaign(a.team, a.campaign.id))!.name).toBe("Test campaign");
  });
});
