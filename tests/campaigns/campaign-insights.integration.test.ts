import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { campaigns, participants, rewards } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import {
  getCampaignActivity,
  getFunnel,
  getLeadSparklines,
  getTopReferrers,
  SPARKLINE_DAYS,
} from "@/lib/campaigns/campaign-insights";
import { updateCampaign } from "@/lib/campaigns/save-campaign";
import { deleteParticipant } from "@/lib/participants/delete-participant";
import { importParticipants } from "@/lib/participants/import-participants";
import { qualifyLead, unqualifyLead } from "@/lib/participants/qualify-lead";
import { issueReward } from "@/lib/rewards/issue-reward";
import { createLead, createProgram, createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

type Person = { kind: "referrer" | "lead"; joinedAt: string; qualifiedAt?: string; referrerId?: string; name?: string };

/** A person as they were on a given day: inserted with their timestamps, as history would have them. */
async function person(team: TeamContext, campaignId: string, who: Person) {
  const code = randomBytes(5).toString("hex");
  const [row] = await database.db
    .insert(participants)
    .values({
      teamId: team.teamId,
      campaignId,
      kind: who.kind,
      firstName: who.name ?? who.kind,
      email: `${code}@example.com`,
      referralCode: code,
      source: who.kind === "lead" ? "Referred" : "Direct",
      referrerId: who.referrerId ?? null,
      status: who.kind === "lead" ? (who.qualifiedAt ? "qualified" : "pending") : null,
      qualifiedAt: who.qualifiedAt ? new Date(who.qualifiedAt) : null,
      joinedAt: new Date(who.joinedAt),
    })
    .returning();
  return row!;
}

/**
 * The rollup must always equal counting the current rows: this recounts them per 15-minute
 * bucket and compares, leaving out buckets that count nothing.
 */
async function expectRollupMatchesRows(campaignId: string) {
  const bucket = (column: string) => sql.raw(`date_bin('15 minutes', ${column}, timestamptz '2000-01-01 00:00:00+00')`);
  const counted = await selectRows<Record<string, number | string>>(
    database.db,
    sql`select extract(epoch from bucket)::bigint::text as bucket, sum(r)::int as r, sum(l)::int as l, sum(q)::int as q, sum(w)::int as w from (
          select ${bucket("joined_at")} as bucket, (kind = 'referrer')::int as r, (kind = 'lead')::int as l, 0 as q, 0 as w
            from participants where campaign_id = ${campaignId}
          union all select ${bucket("qualified_at")}, 0, 0, 1, 0 from participants where campaign_id = ${campaignId} and qualified_at is not null
          union all select ${bucket("issued_at")}, 0, 0, 0, 1 from rewards where campaign_id = ${campaignId} and issued_at is not null
        ) s group by 1 order by 1`,
  );
  const kept = await selectRows<Record<string, number | string>>(
    database.db,
    sql`select extract(epoch from bucket)::bigint::text as bucket, referrers_joined as r, leads_created as l,
          leads_qualified as q, rewards_issued as w
        from campaign_activity
        where campaign_id = ${campaignId} and (referrers_joined, leads_created, leads_qualified, rewards_issued) <> (0, 0, 0, 0)
        order by 1`,
  );
  expect(kept).toEqual(counted);
}

describe(`campaign activity rollup (${databaseKind()})`, () => {
  it("always equals counting the people and rewards, through every kind of change", async () => {
    const { team, campaign, referrer, lead } = await createProgram(database.db, { autoIssueRewards: true });
    await expectRollupMatchesRows(campaign.id);
    const second = await createLead(database.db, referrer.referralCode, "Sam");
    await qualifyLead(team, { id: lead.id }); // auto-issued reward inserted already issued
    await qualifyLead(team, { id: second.id });
    await expectRollupMatchesRows(campaign.id);
    await unqualifyLead(team, { id: second.id });
    await qualifyLead(team, { id: second.id }); // re-qualified: counted once, at the new time
    await expectRollupMatchesRows(campaign.id);
    await deleteParticipant(team, lead.id); // a qualified lead: leaves leads and qualified
    await expectRollupMatchesRows(campaign.id);
    const imported = await importParticipants(
      team,
      campaign.id,
      [
        "type,first_name,email,referrer",
        ...Array.from({ length: 40 }, (_, i) => `referrer,R${i},r${i}-${randomBytes(3).toString("hex")}@example.com,`),
      ].join("\n"),
    );
    expect(imported.ok).toBe(true);
    await expectRollupMatchesRows(campaign.id);
    await deleteParticipant(team, referrer.id);
    await expectRollupMatchesRows(campaign.id);

    const manual = await createProgram(database.db, { autoIssueRewards: false });
    await qualifyLead(manual.team, { id: manual.lead.id });
    const [due] = await database.db.select().from(rewards).where(eq(rewards.campaignId, manual.campaign.id));
    await issueReward(manual.team, due!.id);
    await expectRollupMatchesRows(manual.campaign.id);
    const [{ issued }] = (await selectRows<{ issued: number }>(
      database.db,
      sql`select sum(rewards_issued)::int as issued from campaign_activity where campaign_id = ${manual.campaign.id}`,
    )) as [{ issued: number }];
    expect(issued).toBe(1);
  });

  it("loses no count when many changes land at once", async () => {
    const { team, campaign, referrer } = await createProgram(database.db);
    const leads = await Promise.all(
      Array.from({ length: 16 }, (_, i) => createLead(database.db, referrer.referralCode, `Lead${i}`)),
    );
    await Promise.all(leads.map((lead) => qualifyLead(team, { id: lead.id })));
    await expectRollupMatchesRows(campaign.id);
    const [{ qualified }] = (await selectRows<{ qualified: number }>(
      database.db,
      sql`select sum(leads_qualified)::int as qualified from campaign_activity where campaign_id = ${campaign.id}`,
    )) as [{ qualified: number }];
    expect(qualified).toBe(16);
  });

  it("lets a campaign or a team be deleted, its activity with it", async () => {
    const { team, campaign } = await createProgram(database.db);
    await database.db.delete(campaigns).where(eq(campaigns.id, campaign.id));
    const left = await selectRows(database.db, sql`select 1 from campaign_activity where campaign_id = ${campaign.id}`);
    expect(left).toEqual([]);
    await database.db.execute(sql`delete from teams where id = ${team.teamId}`);
  });
});

describe(`campaign insights (${databaseKind()})`, () => {
  // Days in New York: EST (UTC−5) until 8 March 2026, EDT (UTC−4) after.
  const now = new Date("2026-03-12T15:00:00Z"); // 11:00 on 12 March in New York

  it("counts per local day across a time-zone boundary, with the period before for comparison", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { timeZone: "America/New_York" });
    const ada = await person(team, campaign.id, { kind: "referrer", joinedAt: "2026-03-10T03:30:00Z" }); // 9 Mar, 23:30 EDT
    await person(team, campaign.id, { kind: "referrer", joinedAt: "2026-03-10T04:30:00Z" }); // 10 Mar, 00:30 EDT
    await person(team, campaign.id, {
      kind: "lead",
      referrerId: ada.id,
      joinedAt: "2026-03-12T14:00:00Z", // today, 10:00
      qualifiedAt: "2026-03-12T14:30:00Z",
    });
    await person(team, campaign.id, { kind: "lead", referrerId: ada.id, joinedAt: "2026-03-06T12:00:00Z" }); // 6 Mar: 7 days ago
    await person(team, campaign.id, { kind: "referrer", joinedAt: "2026-03-05T04:59:00Z" }); // 4 Mar, 23:59 EST: 8 days ago

    const week = await getCampaignActivity(team, campaign, 7, now);
    expect(week.days.map((d) => d.day)).toEqual([
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
      "2026-03-11",
      "2026-03-12",
    ]);
    const on = (day: string) => week.days.find((d) => d.day === day)!;
    expect(on("2026-03-09").referrersJoined).toBe(1);
    expect(on("2026-03-10").referrersJoined).toBe(1);
    expect(on("2026-03-12")).toMatchObject({ leadsCreated: 1, leadsQualified: 1 });
    expect(on("2026-03-06").leadsCreated).toBe(1);
    expect(week.totals).toEqual({ referrersJoined: 2, leadsCreated: 2, leadsQualified: 1, rewardsIssued: 0 });
    // 27 Feb – 5 Mar: only the referrer of 4 March.
    expect(week.previous).toEqual({ referrersJoined: 1, leadsCreated: 0, leadsQualified: 0, rewardsIssued: 0 });

    // The same moments in UTC fall on other days.
    await updateCampaign(team, campaign.id, { ...campaign, timeZone: "UTC" });
    const utc = await getCampaignActivity(team, { ...campaign, timeZone: "UTC" }, 7, now);
    expect(utc.days.find((d) => d.day === "2026-03-09")!.referrersJoined).toBe(0);
    expect(utc.days.find((d) => d.day === "2026-03-10")!.referrersJoined).toBe(2);
    expect(utc.previous.referrersJoined).toBe(1); // 5 March 04:59 UTC is still in 27 Feb – 5 Mar
  });

  it("works out the funnel and the top referrers of the period", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { timeZone: "Asia/Kathmandu" }); // UTC+5:45
    const [ada, grace, lin] = await Promise.all(
      ["Ada", "Grace", "Lin"].map((name) =>
        person(team, campaign.id, { kind: "referrer", name, joinedAt: "2026-01-01T00:00:00Z" }),
      ),
    );
    await person(team, campaign.id, { kind: "referrer", joinedAt: "2026-03-12T18:15:00Z" }); // after the period: 13 Mar, 00:00 local
    const lead = (referrerId: string, joinedAt: string, qualifiedAt?: string) =>
      person(team, campaign.id, { kind: "lead", referrerId, joinedAt, qualifiedAt });
    await lead(ada!.id, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
    await lead(ada!.id, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
    await lead(ada!.id, "2026-03-10T00:00:00Z");
    await lead(grace!.id, "2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z");
    await lead(grace!.id, "2026-02-01T00:00:00Z", "2026-03-12T00:00:00Z"); // joined before the period, qualified in it
    await lead(lin!.id, "2026-03-05T18:15:00Z", "2026-03-05T18:15:00Z"); // 6 Mar 00:00 local: first minute of the period

    const funnel = await getFunnel(team, campaign, 7, now);
    expect(funnel).toEqual({ referrers: 3, referrersWithLeads: 3, leads: 5, qualified: 4 });
    expect(await getFunnel(team, campaign, 7, new Date("2026-03-20T00:00:00Z"))).toEqual({
      referrers: 4,
      referrersWithLeads: 0,
      leads: 0,
      qualified: 0,
    });

    const top = await getTopReferrers(team, campaign, 7, { now });
    expect(top.map((r) => [r.firstName, r.qualified])).toEqual([
      ["Ada", 2],
      ["Grace", 2],
      ["Lin", 1],
    ]);
  });

  it("draws each campaign card's leads per day in the campaign's own days", async () => {
    const team = await createTeam(database.db);
    const tokyo = await createTestCampaign(team, { timeZone: "Asia/Tokyo" }); // UTC+9
    const utc = await createTestCampaign(team);
    for (const campaign of [tokyo, utc]) {
      const referrer = await person(team, campaign.id, { kind: "referrer", joinedAt: "2026-03-01T00:00:00Z" });
      for (const joinedAt of ["2026-03-11T16:00:00Z", "2026-03-11T14:00:00Z", "2026-02-01T00:00:00Z"])
        await person(team, campaign.id, { kind: "lead", referrerId: referrer.id, joinedAt });
    }
    const other = await createProgram(database.db); // another team's leads never show
    const lines = await getLeadSparklines(team, [tokyo, utc, other.campaign], now);
    const tail = (id: string) => lines.get(id)!.slice(-3);
    expect(lines.get(tokyo.id)).toHaveLength(SPARKLINE_DAYS);
    // It is already 13 March in Tokyo: the leads came at 23:00 on the 11th and 01:00 on the 12th there.
    expect(tail(tokyo.id)).toEqual([1, 1, 0]);
    expect(tail(utc.id)).toEqual([0, 2, 0]); // 10, 11 and 12 March

    expect(lines.get(tokyo.id)!.reduce((a, b) => a + b)).toBe(2); // February is outside the window
    expect(lines.get(other.campaign.id)!.every((n) => n === 0)).toBe(true);
  });

  it("shows another team nothing of the campaign", async () => {
    const { campaign, referrer } = await createProgram(database.db);
    await createReferrer(database.db, campaign.id, "Noor");
    await createLead(database.db, referrer.referralCode);
    const stranger = await createTeam(database.db);
    const seen = await getCampaignActivity(stranger, campaign, 7);
    expect(seen.totals).toEqual({ referrersJoined: 0, leadsCreated: 0, leadsQualified: 0, rewardsIssued: 0 });
    expect(await getFunnel(stranger, campaign, 7)).toMatchObject({ referrers: 0, leads: 0 });
    expect(await getTopReferrers(stranger, campaign, 7)).toEqual([]);
  });
});
