import { randomBytes } from "node:crypto";
import Papa from "papaparse";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { SignedInContext } from "@/lib/auth/session";
import { csvRecordCounter } from "@/lib/csv/record-counter";
import { EXPORT_BATCH_ROWS } from "@/lib/exports/csv-export";
import { readExport, TOTAL_COUNT_HEADER, type ExportProgress } from "@/lib/exports/download-export";
import { createExportRoute, type ExportTable } from "@/lib/exports/export-route";
import { deleteParticipant } from "@/lib/participants/delete-participant";
import { listParticipants, PARTICIPANT_SORTS, type ParticipantQuery } from "@/lib/participants/list-participants";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { issueReward } from "@/lib/rewards/issue-reward";
import { listRewards } from "@/lib/rewards/list-rewards";
import { createLead, createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();
afterEach(() => vi.restoreAllMocks());

type Team = Awaited<ReturnType<typeof createTeam>>;

/** The team's owner, as `currentMarketer()` would resolve them. */
const signedIn = (team: Team) => ({
  db: team.db,
  teamId: team.teamId,
  marketer: { id: "00000000-0000-4000-8000-000000000001", name: "Test Marketer", email: team.email },
  role: "owner" as const,
  sessionId: "00000000-0000-4000-8000-000000000002",
});

/** Calls a table's export route as the browser's Export button does, signed in as `team` (or nobody). */
function exportOf(team: Team | null, table: ExportTable, campaignId: string, query = "") {
  const GET = createExportRoute(async (): Promise<SignedInContext | null> => (team ? signedIn(team) : null))(table);
  const request = new Request(`http://localhost:3000/campaigns/${campaignId}/${table}/export?${query}`);
  return GET(request, { params: Promise.resolve({ campaignId }) });
}

/** The file as a spreadsheet sees it: the BOM, then a header line and one object per row. */
async function csvOf(response: Response) {
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // TextDecoder (and Response.text) drop the BOM.
  const text = new TextDecoder().decode(bytes);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { response, text, fields: parsed.meta.fields!, rows: parsed.data };
}

/**
 * `count` leads in one statement (`INSERT … SELECT generate_series`). Joined-at values a
 * microsecond apart, in pairs: rows a JS Date could not tell apart, and exact ties the id breaks.
 */
async function insertLeads(
  db: Db,
  team: Team,
  campaignId: string,
  count: number,
  { names = ["Ann", "Bob", "Cy"], qualifiedEvery = 0 } = {},
) {
  const tag = randomBytes(4).toString("hex");
  const namesArray = sql`array[${sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  )}]::text[]`;
  await db.execute(sql`
    insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, status, qualified_at, joined_at)
    select ${team.teamId}, ${campaignId}, 'lead', (${namesArray})[1 + i % ${names.length}],
           'bulk' || i || '-' || ${tag} || '@bulk.test', ${tag} || lpad(i::text, 8, '0'), 'Import',
           case when ${qualifiedEvery} > 0 and i % greatest(${qualifiedEvery}, 1) = 0 then 'qualified' else 'pending' end::lead_status,
           case when ${qualifiedEvery} > 0 and i % greatest(${qualifiedEvery}, 1) = 0
                then timestamptz '2026-02-01 00:00:00+00' + (i / 10) * interval '1 microsecond' end,
           timestamptz '2026-01-01 00:00:00+00' + (i / 2) * interval '1 microsecond'
    from generate_series(1, ${count}) as i`);
}

/** Every statement drizzle sends on `db` from now on, with its parameters. */
function recordStatements(db: Db) {
  const session = (
    db as unknown as { session: { prepareQuery: (query: { sql: string; params: unknown[] }) => unknown } }
  ).session;
  const seen: { sql: string; params: unknown[] }[] = [];
  const original = session.prepareQuery.bind(session);
  vi.spyOn(session, "prepareQuery").mockImplementation((query, ...rest: unknown[]) => {
    seen.push({ sql: query.sql, params: query.params });
    return (original as (...args: unknown[]) => unknown)(query, ...rest);
  });
  return {
    /** The keyset batches: the statements that read the exported rows. */
    batches: () => seen.filter((s) => /^select .* from "participants"/.test(s.sql) && s.sql.includes(" limit ")),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe(`CSV export: who may export (${databaseKind()})`, () => {
  it("answers 401 without a session, and 404 for another team's campaign or an unknown id", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    await createReferrer(database.db, campaign.id, "Secret");
    const other = await createTeam(database.db);
    for (const table of ["referrers", "leads", "rewards"] as const) {
      expect((await exportOf(null, table, campaign.id)).status).toBe(401);
      const foreign = await exportOf(other, table, campaign.id);
      expect(foreign.status).toBe(404);
      expect(await foreign.text()).not.toContain("Secret");
      expect((await exportOf(team, table, "not-a-uuid")).status).toBe(404);
    }
  });
});

describe(`CSV export: the table's rows, every page (${databaseKind()})`, () => {
  it("exports exactly the leads the filters match, with their referrer, as a dated attachment", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { name: "Été 2026: Friends & Family" });
    const ada = await createReferrer(database.db, campaign.id, "Ada");
    const leads: Awaited<ReturnType<typeof createLead>>[] = [];
    for (const name of ["Zoë", "Bob", "Mia", "Bea"]) leads.push(await createLead(database.db, ada.referralCode, name));
    await qualifyLead(team, { id: leads[0]!.id });
    await qualifyLead(team, { id: leads[3]!.id });
    // 40 more qualified leads, so the filtered table runs over more than one page.
    await insertLeads(database.db, team, campaign.id, 80, { names: ["Ann"], qualifiedEvery: 2 });
    // Same team, another campaign; and another team's campaign: never in this file.
    const elsewhere = await createTestCampaign(team);
    await createLead(database.db, (await createReferrer(database.db, elsewhere.id)).referralCode, "Elsewhere");

    const response = await exportOf(team, "leads", campaign.id, "status=qualified&sort=firstName&dir=asc&page=2");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ete-2026-friends-family-leads-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { fields, rows } = await csvOf(response);
    expect(fields).toEqual([
      "id",
      "first_name",
      "email",
      "referral_code",
      "status",
      "source",
      "referrer_id",
      "referrer_first_name",
      "referrer_email",
      "referrer_referral_code",
      "joined_at",
      "qualified_at",
    ]);
    expect(rows).toHaveLength(42);
    expect(response.headers.get(TOTAL_COUNT_HEADER)).toBe("42");
    expect(rows.every((r) => r.status === "qualified")).toBe(true);
    // The table's order (first name, then id), all pages: what walking the table yields.
    const table = await listParticipants(team, campaign.id, {
      kind: "lead",
      page: 1,
      pageSize: 1_000,
      sort: "firstName",
      dir: "asc",
      q: "",
      status: "qualified",
    });
    expect(rows.map((r) => r.id)).toEqual(table.rows.map((r) => r.id));
    const zoe = rows.find((r) => r.id === leads[0]!.id)!;
    expect(zoe).toMatchObject({
      first_name: "Zoë",
      email: leads[0]!.email,
      referral_code: leads[0]!.referralCode,
      source: "Referred",
      referrer_id: ada.id,
      referrer_first_name: "Ada",
      referrer_email: ada.email,
      referrer_referral_code: ada.referralCode,
      joined_at: leads[0]!.joinedAt.toISOString(),
    });
    expect(zoe.qualified_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const searched = await csvOf(await exportOf(team, "leads", campaign.id, "q=ZO&source=Referred"));
    expect(searched.rows.map((r) => r.first_name)).toEqual(["Zoë"]);
    const none = await exportOf(team, "leads", campaign.id, "source=API");
    expect(none.headers.get(TOTAL_COUNT_HEADER)).toBe("0");
    expect((await csvOf(none)).rows).toEqual([]);
    // An unknown filter value is ignored, as on the page.
    expect((await csvOf(await exportOf(team, "leads", campaign.id, "status=bogus"))).rows).toHaveLength(84);
  });

  it("exports referrers with their referral link, and rewards with the status filter", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { name: "Spring", referrerReward: "$20 credit" });
    const ada = await createReferrer(database.db, campaign.id, "Ada");
    const bea = await createReferrer(database.db, campaign.id, "Bea");
    const lin = await createLead(database.db, ada.referralCode, "Lin");
    const sam = await createLead(database.db, bea.referralCode, "Sam");
    await qualifyLead(team, { id: lin.id });
    await qualifyLead(team, { id: sam.id });

    const referrers = await csvOf(await exportOf(team, "referrers", campaign.id, "sort=firstName&dir=desc"));
    expect(referrers.fields).toEqual([
      "id",
      "first_name",
      "email",
      "referral_code",
      "referral_link",
      "source",
      "joined_at",
    ]);
    expect(referrers.rows).toEqual([
      {
        id: bea.id,
        first_name: "Bea",
        email: bea.email,
        referral_code: bea.referralCode,
        referral_link: `http://localhost:3000/r/${bea.referralCode}`,
        source: "Direct",
        joined_at: bea.joinedAt.toISOString(),
      },
      expect.objectContaining({ id: ada.id, first_name: "Ada" }),
    ]);

    const before = (await listRewards(team, campaign.id, { page: 1, pageSize: 25 })).rows;
    const adas = before.find((r) => r.recipient?.id === ada.id)!;
    const beas = before.find((r) => r.recipient?.id === bea.id)!;
    await issueReward(team, adas.id);
    await deleteParticipant(team, bea.id);
    const all = await csvOf(await exportOf(team, "rewards", campaign.id));
    expect(all.fields).toEqual([
      "id",
      "reward",
      "status",
      "recipient_id",
      "recipient_type",
      "recipient_first_name",
      "recipient_email",
      "lead_id",
      "lead_first_name",
      "lead_email",
      "earned_at",
      "issued_at",
    ]);
    expect(all.rows.map((r) => r.id)).toEqual(
      (await listRewards(team, campaign.id, { page: 1, pageSize: 25 })).rows.map((r) => r.id),
    );
    expect(all.rows.find((r) => r.id === adas.id)).toEqual({
      id: adas.id,
      reward: "$20 credit",
      status: "issued",
      recipient_id: ada.id,
      recipient_type: "referrer",
      recipient_first_name: "Ada",
      recipient_email: ada.email,
      lead_id: lin.id,
      lead_first_name: "Lin",
      lead_email: lin.email,
      earned_at: adas.createdAt.toISOString(),
      issued_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // A deleted recipient's reward stays, without their name or email (the table says "Deleted person").
    expect(all.rows.find((r) => r.id === beas.id)).toMatchObject({
      status: "due",
      recipient_id: "",
      recipient_first_name: "",
      recipient_email: "",
      lead_first_name: "Sam",
    });
    const issued = await csvOf(await exportOf(team, "rewards", campaign.id, "status=issued"));
    expect(issued.rows.map((r) => r.id)).toEqual([adas.id]);
    expect(issued.response.headers.get(TOTAL_COUNT_HEADER)).toBe("1");
    const due = await csvOf(await exportOf(team, "rewards", campaign.id, "status=due&status=issued"));
    expect(due.rows.map((r) => r.id)).toEqual([beas.id]);
  });

  it("walks every sort in the table's own order across keyset batches, ties and equal timestamps included", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team);
    // Batches of 1,000 over 2,500 leads: pairs share a joined_at, a thousand share each millisecond,
    // three first names, and most qualified_at are null (a tenth of the rest tie too).
    await insertLeads(database.db, team, campaign.id, 2_500, { qualifiedEvery: 3 });
    for (const sort of PARTICIPANT_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const query: ParticipantQuery = { kind: "lead", page: 1, pageSize: 5_000, sort, dir, q: "" };
        const table = (await listParticipants(team, campaign.id, query)).rows.map((r) => r.id);
        const { rows } = await csvOf(await exportOf(team, "leads", campaign.id, `sort=${sort}&dir=${dir}`));
        expect(
          rows.map((r) => r.id),
          `${sort} ${dir}`,
        ).toEqual(table);
      }
    }
  });
});

describe(`CSV export: formula injection (${databaseKind()})`, () => {
  it("prefixes every cell a spreadsheet would run with a quote, in every table", async () => {
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { referrerReward: "=1+1" });
    const names = ['=HYPERLINK("https://evil.test","Click")', "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"];
    for (const name of names) await createReferrer(database.db, campaign.id, name);
    // Tab and CR lead no name the forms take (they trim): written directly, as an older import might have.
    await database.db.execute(sql`
      insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source)
      values (${team.teamId}, ${campaign.id}, 'referrer', ${"\t=1+1"}, ${"tab@x.test"}, ${randomBytes(6).toString("hex")}, 'Added'),
             (${team.teamId}, ${campaign.id}, 'referrer', ${"\r=1+1"}, ${"cr@x.test"}, ${randomBytes(6).toString("hex")}, 'Added')`);
    const lead = await createLead(database.db, (await createReferrer(database.db, campaign.id, "Ok")).referralCode);
    await qualifyLead(team, { id: lead.id });

    const { text, rows } = await csvOf(await exportOf(team, "referrers", campaign.id, "sort=email&dir=asc"));
    const firstNames = rows.map((r) => r.first_name);
    for (const name of [...names, "\t=1+1", "\r=1+1"]) expect(firstNames).toContain(`'${name}`);
    expect(firstNames).toContain("Ok");
    expect(text).toContain(`"'=HYPERLINK(""https://evil.test"",""Click"")"`);
    // No cell of the file starts with a formula character.
    expect(rows.flatMap((r) => Object.values(r)).filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);

    const rewards = await csvOf(await exportOf(team, "rewards", campaign.id));
    expect(rewards.rows.map((r) => r.reward)).toEqual(["'=1+1"]);
  });
});

describe(`CSV export: streaming 100,000 rows (${databaseKind()})`, () => {
  const ROWS = 100_000;
  let team: Team;
  let campaignId: string;
  beforeAll(async () => {
    team = await createTeam(database.db);
    campaignId = (await createTestCampaign(team)).id;
    await insertLeads(database.db, team, campaignId, ROWS);
  }, 180_000);

  it("reads the rows in keyset batches of 1,000, never all at once, and writes each exactly once", async () => {
    const statements = recordStatements(database.db);
    const response = await exportOf(team, "leads", campaignId);
    expect(response.headers.get(TOTAL_COUNT_HEADER)).toBe(String(ROWS));
    const reader = response.body!.getReader();
    const counter = csvRecordCounter();
    const decoder = new TextDecoder();
    let carry = "";
    let header = true;
    const ids = new Set<string>();
    let previousJoinedAt = "9999";
    let outOfOrder = 0;
    let records = 0;
    let bytes = 0;
    let mostBatchesAhead = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      records = counter.add(value);
      // The stream pulls: at most the batch being sent and the one kept ready have been read.
      mostBatchesAhead = Math.max(
        mostBatchesAhead,
        statements.batches().length - Math.floor(records / EXPORT_BATCH_ROWS),
      );
      const lines = (carry + decoder.decode(value, { stream: true })).split("\r\n");
      carry = lines.pop()!;
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        const cells = line.split(",");
        ids.add(cells[0]!);
        const joinedAt = cells[10]!;
        if (joinedAt > previousJoinedAt) outOfOrder++;
        previousJoinedAt = joinedAt;
      }
    }
    expect(records).toBe(ROWS + 1);
    expect(outOfOrder).toBe(0);
    expect(ids.size).toBe(ROWS);
    const batches = statements.batches();
    expect(batches).toHaveLength(ROWS / EXPORT_BATCH_ROWS + 1);
    for (const batch of batches) expect(batch.params).toContain(EXPORT_BATCH_ROWS);
    expect(mostBatchesAhead).toBeLessThanOrEqual(2);
    expect(bytes).toBeGreaterThan(10_000_000);
  }, 180_000);

  it("lets the Export button show its progress: rows received of the total, up to all of them", async () => {
    const seen: ExportProgress[] = [];
    const { rows, file } = await readExport(await exportOf(team, "leads", campaignId), (p) => seen.push(p));
    expect(rows).toBe(ROWS);
    expect(seen[0]).toEqual({ rows: 0, total: ROWS });
    expect(seen.at(-1)).toEqual({ rows: ROWS, total: ROWS });
    expect(seen.length).toBeGreaterThan(ROWS / EXPORT_BATCH_ROWS);
    expect(seen.every((p, i) => i === 0 || p.rows >= seen[i - 1]!.rows)).toBe(true);
    expect(file.size).toBeGreaterThan(10_000_000);
  }, 60_000);

  it("stops reading the database when the client goes away", async () => {
    const logged = vi.spyOn(console, "error");
    const statements = recordStatements(database.db);
    const response = await exportOf(team, "leads", campaignId);
    const reader = response.body!.getReader();
    for (let chunk = 0; chunk < 4; chunk++) await reader.read();
    await reader.cancel();
    await settle();
    const readWhenCancelled = statements.batches().length;
    expect(readWhenCancelled).toBeLessThanOrEqual(5);
    await settle();
    expect(statements.batches()).toHaveLength(readWhenCancelled);
    // Leaving mid-batch is not a failure.
    expect(logged).not.toHaveBeenCalled();
  });
});
