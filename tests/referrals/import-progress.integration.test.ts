import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { outboxEvents, participants } from "@/db/schema";
import { addParticipant } from "@/lib/participants/add-participant";
import { parseImportCsv, runImport, type ImportProgress, type ImportRow } from "@/lib/participants/import-csv";
import { checkImport, importRows } from "@/lib/participants/import-participants";
import { createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

/**
 * A file of `referrers` referrers and then `leads` leads: each lead names a referrer of the file
 * by email (often one in an earlier chunk), and every tenth names the campaign's own referrer by
 * its code, in capitals.
 */
function importFile(tag: string, existingCode: string, referrers: number, leads: number) {
  const lines = ["type,first_name,email,referrer"];
  for (let i = 0; i < referrers; i++) lines.push(`referrer,Ref${i},ref${i}-${tag}@import.test,`);
  for (let i = 0; i < leads; i++)
    lines.push(
      `lead,Lead${i},lead${i}-${tag}@import.test,${i % 10 === 0 ? existingCode.toUpperCase() : `REF${i % referrers}-${tag}@import.test`}`,
    );
  const parsed = parseImportCsv(lines.join("\n"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

async function program() {
  const team = await createTeam(database.db);
  const campaign = await createTestCampaign(team);
  const existing = await createReferrer(database.db, campaign.id, "Existing");
  const tag = Math.random().toString(36).slice(2, 8);
  const imported = () =>
    database.db
      .select()
      .from(participants)
      .where(and(eq(participants.campaignId, campaign.id), eq(participants.source, "Import")));
  const events = async () =>
    (await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))).length;
  return { team, campaign, existing, tag, imported, events };
}

/** runImport as the dialog runs it, on the domain functions its two actions call. */
function importer(p: Awaited<ReturnType<typeof program>>) {
  const chunks: number[] = [];
  return {
    chunks,
    check: (rows: ImportRow[]) => checkImport(p.team, p.campaign.id, rows),
    importChunk: (rows: ImportRow[]) => {
      chunks.push(rows.length);
      return importRows(p.team, p.campaign.id, rows);
    },
  };
}

describe(`CSV import in chunks, with progress (${databaseKind()})`, () => {
  it("checks the whole file, then imports it chunk by chunk: the chunks add up to the file", async () => {
    const p = await program();
    const rows = importFile(p.tag, p.existing.referralCode, 300, 934);
    const steps: ImportProgress[] = [];
    const calls = importer(p);
    const eventsBefore = await p.events();
    const outcome = await runImport({ rows, ...calls, onProgress: (s) => steps.push(s) });
    expect(outcome).toEqual({ ok: true, summary: { referrers: 300, leads: 934 } });
    expect(calls.chunks).toEqual([500, 500, 234]);
    expect(steps).toEqual([
      { imported: 0, total: 1_234 },
      { imported: 500, total: 1_234 },
      { imported: 1_000, total: 1_234 },
      { imported: 1_234, total: 1_234 },
    ]);
    const people = await p.imported();
    expect(people).toHaveLength(1_234);
    // Each person's two events, written with them.
    expect((await p.events()) - eventsBefore).toBe(2 * 1_234);
    const byEmail = new Map(people.map((person) => [person.email, person]));
    // Line 1,101 (in the third chunk) names a referrer imported by the first.
    expect(byEmail.get(`lead799-${p.tag}@import.test`)!.referrerId).toBe(
      byEmail.get(`ref199-${p.tag}@import.test`)!.id,
    );
    expect(byEmail.get(`lead800-${p.tag}@import.test`)!.referrerId).toBe(p.existing.id);
  });

  it("writes nothing when any row of the file is wrong, whichever chunk it would have been in", async () => {
    const p = await program();
    const rows = importFile(p.tag, p.existing.referralCode, 10, 1_100);
    rows[15]!.type = "wizard";
    rows[1_050]!.referrer = "nobody@import.test";
    rows[1_060]!.email = rows[3]!.email;
    // A lead whose referrer comes later in the file.
    rows.push({
      line: 1_112,
      type: "lead",
      firstName: "Early",
      email: `early-${p.tag}@import.test`,
      referrer: "late@x.test",
    });
    rows.push({ line: 1_113, type: "referrer", firstName: "Late", email: "late@x.test", referrer: "" });
    const calls = importer(p);
    const outcome = await runImport({ rows, ...calls });
    expect(outcome).toMatchObject({ ok: false, stage: "check", message: "4 rows have errors; nothing was imported" });
    if (outcome.ok) return;
    expect(outcome.rowErrors).toEqual([
      { row: 17, message: expect.stringContaining("Choose referrer or lead") },
      { row: 1_052, message: `No referrer with code or email "nobody@import.test"` },
      { row: 1_062, message: expect.stringContaining("also appears on line 5") },
      { row: 1_112, message: "Its referrer late@x.test is on line 1113; put referrers before their leads" },
    ]);
    expect(calls.chunks).toEqual([]);
    expect(await p.imported()).toEqual([]);
  });

  it("reports a chunk that fails after the check: the chunks before it stay, none of its rows are written", async () => {
    const p = await program();
    const rows = importFile(p.tag, p.existing.referralCode, 20, 1_180);
    const calls = importer(p);
    let sent = 0;
    const outcome = await runImport({
      rows,
      check: calls.check,
      importChunk: async (chunk) => {
        // Between the first and second chunk, someone adds a lead the second one holds.
        if (sent++ === 1)
          await addParticipant(p.team, p.campaign.id, {
            type: "lead",
            firstName: "Meanwhile",
            email: rows[700]!.email,
            referrer: p.existing.referralCode,
          });
        return calls.importChunk(chunk);
      },
    });
    expect(outcome).toEqual({
      ok: false,
      stage: "import",
      message: "1 row has errors; nothing was imported",
      rowErrors: [{ row: 702, message: `${rows[700]!.email} is already in the campaign` }],
      summary: { referrers: 20, leads: 480 },
      imported: 500,
      total: 1_200,
      firstLineNotImported: 502,
      uncertain: false,
    });
    expect(calls.chunks).toEqual([500, 500]);
    const people = await p.imported();
    expect(people).toHaveLength(500);
    expect(Math.max(...people.map((person) => Number(person.firstName.replace(/\D/g, ""))))).toBeLessThan(480);

    // The rest, sent again from the first line not imported (without the line now taken), goes in.
    const rest = rows.slice(500).filter((row) => row.line !== 702);
    expect(await runImport({ rows: rest, ...importer(p) })).toEqual({
      ok: true,
      summary: { referrers: 0, leads: 699 },
    });
    expect(await p.imported()).toHaveLength(1_199);
  });

  it("says when a chunk got no answer, and stops before the next chunk when asked", async () => {
    const p = await program();
    const rows = importFile(p.tag, p.existing.referralCode, 5, 995);
    const calls = importer(p);
    const lost = await runImport({
      rows,
      check: calls.check,
      importChunk: async (chunk) => {
        if (calls.chunks.length === 1) throw new TypeError("Failed to fetch");
        return calls.importChunk(chunk);
      },
    });
    expect(lost).toMatchObject({
      ok: false,
      stage: "import",
      imported: 500,
      firstLineNotImported: 502,
      uncertain: true,
    });

    const q = await program();
    const stop = new AbortController();
    const stopped = await runImport({
      rows: importFile(q.tag, q.existing.referralCode, 5, 995),
      ...importer(q),
      signal: stop.signal,
      onProgress: ({ imported }) => imported === 500 && stop.abort(),
    });
    expect(stopped).toMatchObject({
      ok: false,
      stage: "import",
      message: "You stopped the import.",
      imported: 500,
      firstLineNotImported: 502,
      uncertain: false,
    });
    expect(await q.imported()).toHaveLength(500);
  });

  it("refuses another team's campaign and more rows than an import takes, before writing", async () => {
    const p = await program();
    const other = await createTeam(database.db);
    const rows = importFile(p.tag, p.existing.referralCode, 2, 2);
    expect(await checkImport(other, p.campaign.id, rows)).toMatchObject({ ok: false, code: "not_found" });
    expect(await importRows(other, p.campaign.id, rows)).toMatchObject({ ok: false, code: "not_found" });
    const tooMany = Array.from({ length: 5_001 }, (_, i) => ({ ...rows[0]!, line: i + 2 }));
    expect(await checkImport(p.team, p.campaign.id, tooMany)).toMatchObject({
      ok: false,
      message: "Import at most 5,000 rows at a time",
    });
    expect(await importRows(p.team, p.campaign.id, tooMany)).toMatchObject({ ok: false, code: "invalid" });
    expect(await p.imported()).toEqual([]);
  });
});
