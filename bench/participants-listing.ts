// Timings and the deep-page query plan of the Referrers/Leads tables at 100,000 leads in one campaign.
// Usage: npm run bench:listing   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// Creates a scratch database on that server, fills it with set-based SQL, times listParticipants
// as the pages call it, prints one markdown table and an EXPLAIN (ANALYZE, BUFFERS), drops it.
import { listParticipants, type ParticipantQuery } from "@/lib/participants/list-participants";
import { openQueryBench } from "./helpers/query-bench";
import { seedCampaign } from "./seed-participants";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SIZE = { leads: 100_000, referrers: 2_000, importRows: 5_000 };
const RUNS = 7;
const PAGE_SIZE = 25;

const bench = await openQueryBench(serverUrl);
const { db } = bench;

try {
  const { team, campaign, leads, newerThanImport } = await seedCampaign(bench.setup, SIZE);
  const ctx = { db, teamId: team.teamId };
  const pageOf = (row: number) => Math.floor(row / PAGE_SIZE) + 1;
  const tiePage = pageOf(newerThanImport + SIZE.importRows / 2);
  const lastPage = pageOf(leads - 1);
  const n = (value: number) => value.toLocaleString("en-US");
  const base: ParticipantQuery = { kind: "lead", page: 1, pageSize: PAGE_SIZE, sort: "joinedAt", dir: "desc", q: "" };
  const cases: [label: string, query: ParticipantQuery, targetMs: number][] = [
    ["Leads, first page, newest first", base, 150],
    ["Leads, page 2,000 (OFFSET 49,975)", { ...base, page: 2000 }, 150],
    [
      `Leads, page ${n(tiePage)}: inside the import's ${n(SIZE.importRows)} rows sharing one joined_at`,
      { ...base, page: tiePage },
      150,
    ],
    [`Leads, last page (${n(lastPage)})`, { ...base, page: lastPage }, 150],
    ["Leads by first name, page 2,000", { ...base, sort: "firstName", dir: "asc", page: 2000 }, 150],
    ["Leads by email, page 2,000", { ...base, sort: "email", dir: "asc", page: 2000 }, 150],
    ["Leads by qualified date, page 2,000", { ...base, sort: "qualifiedAt", page: 2000 }, 150],
    ["Search 'lead4242' (name, email or code)", { ...base, q: "lead4242" }, 100],
    ["Status = qualified, first page", { ...base, status: "qualified" }, 150],
    ["Status = qualified, page 1,000", { ...base, status: "qualified", page: 1000 }, 150],
    ["Referrers, first page", { ...base, kind: "referrer" }, 150],
  ];

  console.log(`# Leads and Referrers tables: ${n(leads)} leads, ${n(SIZE.referrers + 1)} referrers in one campaign\n`);
  console.log(`${await bench.serverVersion()}; median of ${RUNS} runs of listParticipants, page size ${PAGE_SIZE}\n`);
  console.log("| case | median ms | target ms | result |\n|---|---:|---:|---|");
  for (const [label, query, targetMs] of cases) {
    const median = await bench.medianMs(() => listParticipants(ctx, campaign.id, query), RUNS);
    console.log(`| ${label} | ${median.toFixed(1)} | < ${targetMs} | ${median < targetMs ? "pass" : "FAIL"} |`);
  }

  await listParticipants(ctx, campaign.id, { ...base, page: 2000 });
  console.log("\n## Plan: Leads, page 2,000, the statement listParticipants sends\n```");
  console.log(await bench.explainLast());
  console.log("```");
} finally {
  await bench.close();
}
