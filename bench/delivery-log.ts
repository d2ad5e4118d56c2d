// Timings and query plans of webhook health and the delivery log at 100,000 deliveries on one webhook.
// Usage: npm run bench:delivery-log   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// Creates a scratch database, fills it with set-based SQL, times each query as the pages call it
// (first before the visibility map is set, as right after a burst of attempts, then after a
// vacuum), prints a markdown table and an EXPLAIN (ANALYZE, BUFFERS) of the main statements,
// then drops the database.
import { webhookHealth } from "@/lib/webhooks/delivery/delivery-health";
import { listDeliveries, type DeliveryFilter } from "@/lib/webhooks/delivery/list-deliveries";
import { openQueryBench } from "./helpers/query-bench";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** The webhook under test gets `deliveries` over the last 7 days; 20 webhooks of another team `noise` between them. */
const SIZE = { deliveries: 100_000, noise: 200_000, noiseWebhooks: 20 };
const RUNS = 9;
const TARGET_MS = 100;

const bench = await openQueryBench(serverUrl);
const { sql, db } = bench;

// Attempt rows as wide as real ones: masked headers and a JSON body of ~600 bytes.
const HEADERS = JSON.stringify({
  "content-type": "application/json",
  "user-agent": "Referwire-Webhooks/1.0",
  "webhook-id": "00000000-0000-0000-0000-000000000000",
  "webhook-timestamp": "1790000000",
  "webhook-signature": `v1,${"A".repeat(44)}`,
  authorization: "••••••••",
});

try {
  const started = performance.now();
  const [ours, theirs] = await sql`insert into teams (name) values ('Bench'), ('Noise') returning id`;
  const [campaign, noiseCampaign] = await sql`
    insert into campaigns (team_id, name, landing_url, referrer_reward)
    values (${ours!.id}, 'Bench', 'https://example.com', '$20'), (${theirs!.id}, 'Noise', 'https://example.com', '$20')
    returning id`;
  const [webhook] = await sql`
    insert into webhooks (team_id, campaign_id, name, url, event, signing_secret)
    select ${ours!.id}, ${campaign!.id}, name, 'https://crm.example.com/hooks', 'lead.created', 'sealed'
    from (values ('CRM'), ('Quiet one'), ('Another')) v(name) returning id`;
  const noiseHooks = await sql`
    insert into webhooks (team_id, campaign_id, name, url, event, signing_secret)
    select ${theirs!.id}, ${noiseCampaign!.id}, 'Noise ' || i, 'https://noise.example.com', 'lead.created', 'sealed'
    from generate_series(1, ${SIZE.noiseWebhooks}) i returning id`;

  // The webhook under test: one event and one delivery every ~6 s for 7 days, a person per 5
  // deliveries; 2 % failed after 8 timeouts, the newest hour partly still retrying or pending.
  await sql`
    insert into outbox_events (id, team_id, campaign_id, type, data, created_at)
    select md5('e' || g)::uuid, ${ours!.id}, ${campaign!.id}, 'lead.created',
           jsonb_build_object('user', jsonb_build_object('email', 'person' || (g / 5) || '@example.com', 'source', 'Referred')),
           now() - g * (interval '7 days' / ${SIZE.deliveries})
    from generate_series(1, ${SIZE.deliveries}) g`;
  await sql`
    insert into deliveries (id, team_id, webhook_id, event_id, event_type, participant_email, status, attempt_count,
                            next_attempt_at, last_response_status, last_error, created_at, completed_at)
    select md5('d' || g)::uuid, ${ours!.id}, ${webhook!.id}, md5('e' || g)::uuid, 'lead.created',
           'person' || (g / 5) || '@example.com', s.status, case when s.status = 'failed' then 8 else 1 end,
           case when s.status = 'retrying' then now() + interval '5 minutes' end,
           case when s.status = 'delivered' then 200 end,
           case when s.status <> 'delivered' then 'timed out after 15 s' end, s.at,
           case when s.status in ('delivered', 'failed') then s.at end
    from generate_series(1, ${SIZE.deliveries}) g,
         lateral (select now() - g * (interval '7 days' / ${SIZE.deliveries}) as at,
                         (case when g % 50 = 0 then 'failed' when g < 400 and g % 7 = 0 then 'retrying'
                               when g < 30 then 'pending' else 'delivered' end)::delivery_status as status) s`;
  await sql`
    insert into delivery_attempts (team_id, delivery_id, webhook_id, attempt_number, started_at, duration_ms, request_method,
                                   request_url, request_headers, request_body, response_status, error, outcome, failure_reason)
    select d.team_id, d.id, d.webhook_id, n, d.created_at + (n - 1) * interval '3 minutes',
           case when d.status = 'delivered' then 40 + (abs(hashtext(d.id::text)) % 400) else 15000 end,
           'POST', 'https://crm.example.com/hooks', ${HEADERS}::jsonb, repeat('x', 600),
           case when d.status = 'delivered' then 200 end,
           case when d.status <> 'delivered' then 'timed out after 15 s' end,
           case when d.status = 'delivered' then 'delivered' else 'retry' end,
           case when d.status <> 'delivered' then 'timeout' end
    from deliveries d, generate_series(1, 8) n
    where d.webhook_id = ${webhook!.id} and d.status <> 'pending' and (n = 1 or d.status = 'failed')`;
  // Another team's traffic between the rows, over the same week.
  await sql`
    insert into deliveries (team_id, webhook_id, event_type, is_test, status, attempt_count, created_at)
    select ${theirs!.id}, (${sql.array(noiseHooks.map((h) => h.id as string))}::uuid[])[1 + g % ${SIZE.noiseWebhooks}],
           'lead.created', true, 'delivered', 1, now() - g * (interval '7 days' / ${SIZE.noise})
    from generate_series(1, ${SIZE.noise}) g`;
  await sql`
    insert into delivery_attempts (team_id, delivery_id, webhook_id, attempt_number, started_at, duration_ms, request_method,
                                   request_url, request_headers, request_body, response_status, outcome)
    select team_id, id, webhook_id, 1, created_at, 120, 'POST', 'https://noise.example.com', ${HEADERS}::jsonb,
           repeat('x', 600), 200, 'delivered'
    from deliveries where team_id = ${theirs!.id}`;
  await sql`analyze`;
  const fillSeconds = ((performance.now() - started) / 1000).toFixed(1);

  const ctx = { db, teamId: ours!.id as string };
  const hookId = webhook!.id as string;
  const deep = await listDeliveries(ctx, hookId, { pageSize: 50_000 });
  const deepCursor = deep.older!;
  const someone = "person4242@example.com";
  const log =
    (filter: DeliveryFilter, extra: object = {}) =>
    () =>
      listDeliveries(ctx, hookId, { filter, ...extra });
  const cases: [label: string, run: () => Promise<unknown>, plan: boolean][] = [
    [
      "Health, API & Webhooks: 3 webhooks of the campaign, 24 h",
      () => webhookHealth(ctx, { campaignId: campaign!.id }, "24h"),
      true,
    ],
    ["Health, delivery log: the webhook, 24 h", () => webhookHealth(ctx, { webhookId: hookId }, "24h"), false],
    [
      "Health, delivery log: the webhook, 7 days (all 100,000)",
      () => webhookHealth(ctx, { webhookId: hookId }, "7d"),
      true,
    ],
    ["Log, first page", log({}), true],
    ["Log, page after row 50,000 (cursor)", log({}, { after: deepCursor }), false],
    ["Log, previous page from there (cursor)", log({}, { before: deepCursor }), false],
    ["Log, status = failed (2 %)", log({ status: "failed" }), false],
    ["Log, status = retrying (~57 rows, all in the newest 40 min)", log({ status: "retrying" }), false],
    ["Log, status = delivering (none): reads the webhook's whole index range", log({ status: "delivering" }), true],
    ["Log, event type with no deliveries, last 24 h", log({ eventType: "user.deleted", from: hoursAgo(24) }), false],
    ["Log, custom range: one hour three days ago", log({ from: hoursAgo(73), to: hoursAgo(72) }), false],
    ["Log, search by email", log({ search: { email: someone } }), true],
    ["Log, search by delivery id", log({ search: { id: deep.rows[1234]!.id } }), false],
    ["Log, search by event id", log({ search: { id: deep.rows[1234]!.eventId! } }), true],
  ];

  const n = (value: number) => value.toLocaleString("en-US");
  console.log(
    `# Webhook health and delivery log: ${n(SIZE.deliveries)} deliveries on one webhook over 7 days, ${n(SIZE.noise)} of another team's\n`,
  );
  const attempts = (await sql`select count(*)::int as n from delivery_attempts`)[0]!.n as number;
  console.log(
    `${await bench.serverVersion()}; ${n(attempts)} attempt rows; filled in ${fillSeconds} s; median of ${RUNS} runs, one connection\n`,
  );
  const plans: [string, string][] = [];
  for (const state of ["before vacuum (visibility map not set)", "after vacuum"]) {
    if (state === "after vacuum") await sql`vacuum analyze`;
    console.log(`\n### ${state}\n\n| query | median ms | target ms | result |\n|---|---:|---:|---|`);
    for (const [label, run, plan] of cases) {
      const median = await bench.medianMs(run, RUNS);
      console.log(`| ${label} | ${median.toFixed(1)} | < ${TARGET_MS} | ${median < TARGET_MS ? "pass" : "FAIL"} |`);
      if (!plan) continue;
      await run();
      plans.push([`${label}, ${state}`, await bench.explainLast()]);
    }
  }
  for (const [label, plan] of plans) console.log(`\n## Plan: ${label}\n\`\`\`\n${plan}\n\`\`\``);
} finally {
  await bench.close();
}

function hoursAgo(hours: number) {
  return new Date(Date.now() - hours * 3_600_000);
}
