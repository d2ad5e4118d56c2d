// Query plans and timings for the Referrers/Leads tables at 100,000 users in one campaign.
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --conditions=react-server --import tsx bench/participants-listing.ts
// Creates a scratch database, fills it with set-based SQL, prints EXPLAIN ANALYZE, drops it.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openPostgres, selectRows } from "@/db/client";
import { createProgram } from "@/tests/helpers/fixtures";
import { listParticipants } from "@/lib/users/list-participants";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const name = `referwire_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openPostgres(url.toString());
try {
  await database.migrate();
  const { team, campaign, referrer } = await createProgram(database.db);
  await database.db.execute(sql`
    insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, referrer_id, status, joined_at)
    select ${team.teamId}, ${campaign.id}, 'lead', 'Lead' || g, 'lead' || g || '@bench.test', substr(md5(g::text), 1, 12), 'Referred',
           ${referrer.id}, case when g % 3 = 0 then 'qualified'::lead_status else 'pending'::lead_status end,
           now() - (g || ' seconds')::interval
    from generate_series(1, ${USERS}) g`);
  await database.db.execute(sql`analyze participants`);

  const base = { kind: "lead" as const, page: 1, pageSize: 25, sort: "joinedAt" as const, dir: "desc" as const, q: "" };
  const cases: [string, Parameters<typeof listParticipants>[2]][] = [
    ["first page by joined_at", base],
    ["page 2000 (offset 49,975)", { ...base, page: 2000 }],
    ["search 'lead4242'", { ...base, q: "lead4242" }],
    ["status = qualified, first page", { ...base, status: "qualified" }],
    ["sort by first name", { ...base, sort: "firstName", dir: "asc" }],
  ];
  console.log(`# ${USERS.toLocaleString("en-US")} leads in one campaign\n`);
  for (const [label, query] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      await listParticipants(team, campaign.id, query);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`## ${label}: median ${times[3]!.toFixed(1)} ms (7 runs, through listParticipants)\n`);
  }
  const plan = await selectRows<{ "QUERY PLAN": string }>(
    database.db,
    sql`explain analyze select id from participants where team_id = ${team.teamId} and campaign_id = ${campaign.id} and kind = 'lead' and search_text ilike '%lead4242%' order by joined_at desc limit 26`,
  );
  console.log("## plan: search\n```\n" + plan.map((r) => r["QUERY PLAN"]).join("\n") + "\n```");
  const firstPage = await selectRows<{ "QUERY PLAN": string }>(
    database.db,
    sql`explain analyze select id from participants where team_id = ${team.teamId} and campaign_id = ${campaign.id} and kind = 'lead' order by joined_at desc, id desc limit 26`,
  );
  console.log("## plan: first page\n```\n" + firstPage.map((r) => r["QUERY PLAN"]).join("\n") + "\n```");
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
