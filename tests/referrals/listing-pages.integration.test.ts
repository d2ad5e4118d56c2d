import { beforeAll, describe, expect, it } from "vitest";
import { importParticipants } from "@/lib/participants/import-participants";
import {
  listParticipants,
  PARTICIPANT_SORTS,
  type ParticipantQuery,
  type ParticipantRow,
} from "@/lib/participants/list-participants";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const LEADS = 60;

/**
 * A campaign whose leads all arrived in one CSV import, so they share one joined_at (one
 * transaction, one now()); three first names and mostly-null qualified_at tie them on the
 * other sorts too.
 */
async function importTieGroup() {
  const team = await createTeam(database.db);
  const campaign = await createTestCampaign(team);
  const names = ["Ann", "Bob", "Cy"];
  const leadLines = Array.from(
    { length: LEADS },
    (_, i) => `lead,${names[i % names.length]},lead${String(i).padStart(2, "0")}@tie.test,ref@tie.test`,
  );
  const imported = await importParticipants(
    team,
    campaign.id,
    ["type,first_name,email,referrer", "referrer,Ref,ref@tie.test,", ...leadLines].join("\n"),
  );
  expect(imported).toMatchObject({ ok: true, value: { leads: LEADS } });
  const all = await listParticipants(team, campaign.id, query({ pageSize: 100 }));
  for (const lead of all.rows.slice(0, 5)) await qualifyLead(team, { id: lead.id });
  return { team, campaignId: campaign.id, leads: all.rows };
}

const query = (overrides: Partial<ParticipantQuery> = {}): ParticipantQuery => ({
  kind: "lead",
  page: 1,
  pageSize: 25,
  sort: "joinedAt",
  dir: "desc",
  q: "",
  ...overrides,
});

/** Follows Next until hasNextPage is false, as the table's pager does. */
async function walkPages(program: Awaited<ReturnType<typeof importTieGroup>>, overrides: Partial<ParticipantQuery>) {
  const pages: ParticipantRow[][] = [];
  for (let page = 1; ; page++) {
    const result = await listParticipants(program.team, program.campaignId, query({ ...overrides, page }));
    pages.push(result.rows);
    if (!result.hasNextPage) return pages;
  }
}

describe(`lead pages inside a tie group (${databaseKind()})`, () => {
  let program: Awaited<ReturnType<typeof importTieGroup>>;
  beforeAll(async () => {
    program = await importTieGroup();
  });

  it("the import's leads really share one joined_at", () => {
    expect(program.leads).toHaveLength(LEADS);
    expect(new Set(program.leads.map((lead) => lead.joinedAt.getTime())).size).toBe(1);
  });

  for (const sort of PARTICIPANT_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`walking every page sorted by ${sort} ${dir} yields every lead exactly once, in one stable order`, async () => {
        const ids = (rows: ParticipantRow[]) => rows.map((row) => row.id);
        const pages = await walkPages(program, { sort, dir });
        expect(pages.map((rows) => rows.length)).toEqual([25, 25, 10]);
        const walked = pages.flatMap(ids);
        expect(new Set(walked).size).toBe(LEADS);
        expect([...walked].sort()).toEqual(ids(program.leads).sort());
        const onePage = await listParticipants(program.team, program.campaignId, query({ sort, dir, pageSize: 100 }));
        expect(walked).toEqual(ids(onePage.rows));
      });
    }
  }

  it("a last page that is exactly full says there is no next page", async () => {
    const pages = await walkPages(program, { pageSize: 20 });
    expect(pages.map((rows) => rows.length)).toEqual([20, 20, 20]);
  });
});
