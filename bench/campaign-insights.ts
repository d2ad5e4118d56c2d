// Timings and query plans of the campaign Overview's insights at 100,000 people and a year of history.
// Usage: npm run bench:insights   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// Creates a scratch database, fills it with set-based SQL (the activity triggers count each
// statement's rows as one grouped upsert), times each query as the pages call it, prints a
// markdown table and an EXPLAIN (ANALYZE, BUFFERS) of each statement, then drops the database.
import { getCampaignActivity, getFunnel, getLeadSparklines, getTopReferrers } from "@/lib/campaigns/campaign-insights";
import type { InsightRange } from "@/lib/campaigns/insight-range";
import { openQueryBench } from "./helpers/query-bench";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SIZE = { referrers: 10_000, leads: 90_000, otherCampaigns: 11 };
const RUNS = 15;
const TARGET_MS = 100;

const bench = await openQueryBench(serverUrl);
const { sql, db } = bench;

try {
  const [team] = await sql`insert into teams (name) values ('Bench') returning id`;
  const campaigns = await sql`
    insert into campaigns (team_id, name, landing_url, referrer_reward, time_zone)
    select ${team!.id}, 'Campaign ' || i, 'https://example.com', '$20', 'Europe/Berlin'
    from generate_series(0, ${SIZE.otherCampaigns}) i returning id, time_zone as "timeZone"`;
  const campaign = campaigns[0]! as { id: string; timeZone: string };
  const started = performance.now();
  // A year of history: joined evenly over 365 days, 40 % of leads qualified within 10 days of
  // joining (never in the future), a reward per qualified lead, half of them issued.
  await sql`
    insert into participants (id, team_id, campaign_id, kind, first_name, email, referral_code, source, joined_at)
    select md5('r' || i)::uuid, ${team!.id}, ${campaign.id}, 'referrer', 'Referrer ' || i, 'r' || i || '@example.com',
           'r' || i, 'Direct', now() - (i * 365.0 / ${SIZE.referrers}) * interval '1 day'
    from generate_series(1, ${SIZE.referrers}) i`;
  await sql`
    insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, referrer_id, status,
                              qualified_at, joined_at)
    select ${team!.id}, ${campaign.id}, 'lead', 'Lead ' || i, 'l' || i || '@example.com', 'l' || i, 'Referred',
           md5('r' || (1 + i % ${SIZE.referrers}))::uuid,
           case when i % 5 < 2 then 'qualified' else 'pending' end::lead_status,
           case when i % 5 < 2 then least(now(), joined + (i % 10) * interval '1 day') end,
           joined
    from (select i, now() - (i * 365.0 / ${SIZE.leads}) * interval '1 day' as joined
          from generate_series(1, ${SIZE.leads}) i) s`;
  await sql`
    insert into rewards (team_id, campaign_id, recipient_id, lead_id, description, status, grant_key, created_at, issued_at)
    select team_id, campaign_id, referrer_id, id, '$20', case when random() < 0.5 then 'issued' else 'due' end::reward_status,
           'lead:' || id, qualified_at, null
    from participants where campaign_id = ${campaign.id} and qualified_at is not null`;
  await sql`update rewards set issued_at = created_at + interval '1 hour' where status = 'issued'`;
  await sql`analyze`;
  const fillSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const [{ buckets }] = (await sql`select count(*)::int as buckets from campaign_activity`) as unknown as [
    { buckets: number },
  ];

  const ctx = { db, teamId: team!.id as string };
  const cases: [string, () => Promise<unknown>][] = [];
  for (const range of [7, 30, 90] as InsightRange[])
    cases.push([
      `Activity per day, last ${range} days and the ${range} before`,
      () => getCampaignActivity(ctx, campaign, range),
    ]);
  for (const range of [30, 90] as InsightRange[]) {
    cases.push([`Funnel, last ${range} days`, () => getFunnel(ctx, campaign, range)]);
    cases.push([`Top referrers, last ${range} days`, () => getTopReferrers(ctx, campaign, range)]);
  }
  cases.push([
    `Sparklines of all ${campaigns.length} campaigns (campaigns page)`,
    () => getLeadSparklines(ctx, campaigns as never),
  ]);

  const n = (value: number) => value.toLocaleString("en-US");
  console.log(
    `# Campaign insights: ${n(SIZE.referrers + SIZE.leads)} people over 365 days in one campaign (${n(buckets)} activity buckets)\n`,
  );
  console.log(`${await bench.serverVersion()}; filled in ${fillSeconds} s; median of ${RUNS} runs, one connection\n`);
  console.log("| query | median ms | target ms | result |\n|---|---:|---:|---|");
  const plans: [string, string][] = [];
  for (const [label, run] of cases) {
    const median = await bench.medianMs(run, RUNS);
    console.log(`| ${label} | ${median.toFixed(1)} | < ${TARGET_MS} | ${median < TARGET_MS ? "pass" : "FAIL"} |`);
    await run();
    plans.push([label, await bench.explainLast()]);
  }
  for (const [label, plan] of plans) console.log(`\n## Plan: ${label}\n\`\`\`\n${plan}\n\`\`\``);
} finally {
  await bench.close();
}
