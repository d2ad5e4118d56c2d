import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outboxEvents, participants } from "@/db/schema";
import { listRewards } from "@/lib/rewards/list-rewards";
import { importParticipants } from "@/lib/participants/import-participants";
import { listParticipants, type ParticipantQuery } from "@/lib/participants/list-participants";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createLead, createProgram, createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const query = (overrides: Partial<ParticipantQuery> = {}): ParticipantQuery => ({
  kind: "lead",
  page: 1,
  pageSize: 25,
  sort: "joinedAt",
  dir: "desc",
  q: "",
  ...overrides,
});

describe(`referrer and lead tables (${databaseKind()})`, () => {
  it("pages, sorts, searches and filters one campaign's leads", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const referrer = await createReferrer(database.db, campaign.id, "Ada");
    const names = ["Zoe", "Bob", "Mia", "Al_x", "Cy%"];
    const leads = [];
    for (const name of names) leads.push(await createLead(database.db, referrer.referralCode, name));
    await qualifyLead(team, { id: leads[1]!.id });

    const byName = await listParticipants(team, campaign.id, query({ sort: "firstName", dir: "asc", pageSize: 2 }));
    expect(byName.rows.map((r) => r.firstName)).toEqual(["Al_x", "Bob"]);
    expect(byName.hasNextPage).toBe(true);
    const last = await listParticipants(
      team,
      campaign.id,
      query({ sort: "firstName", dir: "asc", pageSize: 2, page: 3 }),
    );
    expect(last).toMatchObject({
      hasNextPage: false,
      rows: [{ firstName: "Zoe", referrer: { id: referrer.id, firstName: "Ada" } }],
    });

    expect((await listParticipants(team, campaign.id, query({ q: "MIA" }))).rows.map((r) => r.firstName)).toEqual([
      "Mia",
    ]);
    expect(
      (await listParticipants(team, campaign.id, query({ q: leads[0]!.referralCode.slice(2, 9) }))).rows.map(
        (r) => r.id,
      ),
    ).toEqual([leads[0]!.id]);
    // LIKE wildcards in the search term are literal characters.
    expect((await listParticipants(team, campaign.id, query({ q: "_" }))).rows.map((r) => r.firstName)).toEqual([
      "Al_x",
    ]);
    expect((await listParticipants(team, campaign.id, query({ q: "%" }))).rows.map((r) => r.firstName)).toEqual([
      "Cy%",
    ]);
    expect(
      (await listParticipants(team, campaign.id, query({ status: "qualified" }))).rows.map((r) => r.firstName),
    ).toEqual(["Bob"]);
    expect((await listParticipants(team, campaign.id, query({ source: "Added" }))).rows).toEqual([]);
    expect((await listParticipants(team, campaign.id, query({ kind: "referrer" }))).rows.map((r) => r.id)).toEqual([
      referrer.id,
    ]);
  });

  it("never lists another team's people or rewards", async () => {
    const a = await createProgram(database.db);
    await qualifyLead(a.team, { id: a.lead.id });
    const b = await createTeam(database.db);
    expect((await listParticipants(b, a.campaign.id, query())).rows).toEqual([]);
    expect((await listParticipants(b, a.campaign.id, query({ kind: "referrer" }))).rows).toEqual([]);
    expect((await listRewards(b, a.campaign.id, { page: 1, pageSize: 25 })).rows).toEqual([]);
    expect((await listRewards(a.team, a.campaign.id, { page: 1, pageSize: 25, status: "due" })).rows).toHaveLength(1);
  });
});

describe(`CSV import (${databaseKind()})`, () => {
  it("imports referrers and their leads with source Import and their events", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const existing = await createReferrer(database.db, campaign.id, "Existing");
    const csv = [
      "Type,First_Name,Email,Referrer",
      "referrer,Ada,ada@import.test,",
      `lead,Lin,lin@import.test,ada@import.test`,
      `lead,Sam,sam@import.test,${existing.referralCode}`,
    ].join("\n");
    expect(await importParticipants(team, campaign.id, csv)).toEqual({ ok: true, value: { referrers: 1, leads: 2 } });
    const rows = await database.db.select().from(participants).where(eq(participants.campaignId, campaign.id));
    expect(rows.filter((r) => r.source === "Import")).toHaveLength(3);
    const types = (await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))).map(
      (e) => e.type,
    );
    expect(types.filter((t) => t === "lead.created")).toHaveLength(2);
  });

  it("reports every bad row with its line and imports nothing", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    const taken = await createReferrer(database.db, campaign.id, "Taken");
    const eventsBefore = (await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id)))
      .length;
    const csv = [
      "type,first_name,email,referrer",
      "referrer,Good,good@import.test,",
      "boss,Bad,bad@import.test,",
      "referrer,,noname@import.test,",
      `referrer,Taken,${taken.email},`,
      "referrer,Twice,good@import.test,",
      "lead,Orphan,orphan@import.test,nobody@import.test",
    ].join("\n");
    const result = await importParticipants(team, campaign.id, csv);
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (result.ok) return;
    expect(result.rowErrors!.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    // A lead's referrer is checked before anything is written, like the rest of the row.
    const fixed = csv
      .split("\n")
      .filter((_, i) => i === 0 || i === 1 || i === 6)
      .join("\n");
    const second = await importParticipants(team, campaign.id, fixed);
    expect(second).toMatchObject({
      ok: false,
      rowErrors: [{ row: 3, message: expect.stringContaining("nobody@import.test") }],
    });
    const rows = await database.db.select().from(participants).where(eq(participants.campaignId, campaign.id));
    expect(rows.map((r) => r.id)).toEqual([taken.id]);
    expect(await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))).toHaveLength(
      eventsBefore,
    );
  });

  it("refuses a file without the required columns", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    expect(await importParticipants(team, campaign.id, "name,mail\nA,a@x.test")).toMatchObject({
      ok: false,
      message: expect.stringContaining("missing: type, first_name, email"),
    });
    expect(
      await importParticipants(
        await createTeam(database.db),
        campaign.id,
        "type,first_name,email\nreferrer,A,a@x.test",
      ),
    ).toMatchObject({ code: "not_found" });
  });
});
