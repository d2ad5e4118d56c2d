// `npm run bench:inbound-handler`: the inbound handler's own cost, without Next.js or HTTP. It
// calls `handleInboundQualify` in this process, 16 at a time, beside the floor's SQL (UPDATE lead
// + INSERT outbox in one postgres.js transaction, as bench/inbound/floor-app does), alternating,
// and prints the CPU per request of this process and of the PostgreSQL backends. Seconds to run
// and steadier than `bench:inbound`, so it shows what a change to the handler is worth. The
// loopback stand-in for Inngest's event API runs in this process: the relay's sends are counted
// on the handler's side, with what it costs to receive them. Env: BENCH_DATABASE_URL,
// BENCH_REQUESTS (per round and side, 5,000), BENCH_ROUNDS (3).
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { startInngestStandIn } from "@/tests/helpers/inngest-stand-in";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 16;
const CAMPAIGNS = 64;
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// The Inngest client reads its configuration when first imported, so the stand-in comes first.
const inngest = await startInngestStandIn();
Object.assign(process.env, {
  AUTH_SECRET: randomBytes(32).toString("hex"),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  APP_URL: "http://127.0.0.1:3310",
  INNGEST_DEV: "1",
  INNGEST_BASE_URL: inngest.url,
});
const { sql } = await import("drizzle-orm");
const { default: postgres } = await import("postgres");
const { createScratchDatabase } = await import("./helpers/scratch-database");
const { seedPool } = await import("./inbound/seed");
const { startCpuMeasure } = await import("./helpers/cpu-usage");
const { handleInboundQualify } = await import("@/lib/inbound/handle-inbound-qualify");
const { outboxRelayIdle } = await import("@/lib/outbox/relay-written-events");

type Target = { token: string; code: string };
type Side = "referwire" | "floor";

const request = (code: string) =>
  new Request("http://127.0.0.1/api/inbound/token/qualify", {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "bench" },
    body: JSON.stringify({ referral_code: code }),
  });

const scratch = await createScratchDatabase(serverUrl, { max: 10 });
const floorSql = postgres(scratch.url, { max: 10, onnotice: () => {} });
try {
  const perSide = REQUESTS * ROUNDS + 1_000;
  console.log(`seeding ${perSide.toLocaleString("en-US")} pending leads per side over ${CAMPAIGNS} campaigns each …`);
  const pools = {
    referwire: (await seedPool(scratch.db, "app", CAMPAIGNS, perSide)).targets,
    floor: (await seedPool(scratch.db, "floor", CAMPAIGNS, perSide)).targets,
  };
  await scratch.db.execute(sql`vacuum analyze`);

  const ask: Record<Side, (target: Target) => Promise<Response>> = {
    referwire: (t) => handleInboundQualify(scratch.db, t.token, request(t.code)),
    // The floor route's body, as in bench/inbound/floor-app.
    floor: async (t) => {
      const { referral_code: code } = (await request(t.code).json()) as { referral_code: string };
      const lead = await floorSql.begin(async (tx) => {
        const [row] = await tx`
          update participants set status = 'qualified', qualified_at = now()
          where referral_code = ${code} and kind = 'lead' and status = 'pending'
          returning id, team_id, campaign_id, first_name, email, referral_code, source, joined_at, qualified_at`;
        if (row)
          await tx`insert into outbox_events (team_id, campaign_id, type, data)
            values (${row.team_id}, ${row.campaign_id}, 'lead.qualified', ${tx.json({ user: row })})`;
        return row ?? null;
      });
      return Response.json({ lead, already_qualified: lead === null }, { headers: { "Cache-Control": "no-store" } });
    },
  };

  async function run(side: Side, targets: Target[]) {
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const answer = await ask[side](targets[next++]!);
        await answer.text();
        if (answer.status !== 200) throw new Error(`${side} answered ${answer.status}`);
      }
    };
    const cpu = await startCpuMeasure(scratch.db);
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (side === "referwire") await outboxRelayIdle(scratch.db); // its last batch is its cost too
    const { clientMs, serverMs } = cpu.stop();
    return { appUs: (1000 * clientMs) / targets.length, pgUs: (1000 * serverMs) / targets.length };
  }

  // Warm both (prepared statements, JIT, pools) on codes the rounds do not use.
  for (const side of ["referwire", "floor"] as const) await run(side, pools[side].slice(0, 1_000));

  const results: Record<string, { appUs: number[]; pgUs: number[] }> = {};
  const record = (key: string, r: { appUs: number; pgUs: number }) => {
    results[key] ??= { appUs: [], pgUs: [] };
    results[key].appUs.push(r.appUs);
    results[key].pgUs.push(r.pgUs);
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order: Side[] = round % 2 ? ["floor", "referwire"] : ["referwire", "floor"];
    for (const side of order) {
      const codes = pools[side].slice(1_000 + round * REQUESTS, 1_000 + (round + 1) * REQUESTS);
      record(`new ${side}`, await run(side, codes));
      record(`already ${side}`, await run(side, codes));
    }
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows = Object.entries(results).map(([key, r]) => ({ key, app: median(r.appUs), pg: median(r.pgUs) }));
  console.log(
    `\n## Inbound handler in-process — ${new Date().toISOString().slice(0, 16)}Z\n` +
      `${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; ${CONCURRENCY} at a time, ${ROUNDS} × ${REQUESTS} requests per side and scenario\n`,
  );
  console.log(
    "| scenario | side | app CPU µs/req | PostgreSQL CPU µs/req | total | ratio of totals (floor / referwire) |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const scenario of ["new", "already"]) {
    const [ours, floor] = [`${scenario} referwire`, `${scenario} floor`].map((k) => rows.find((r) => r.key === k)!);
    for (const row of [ours!, floor!])
      console.log(
        `| ${scenario} | ${row.key.split(" ")[1]} | ${row.app.toFixed(0)} | ${row.pg.toFixed(0)} | ${(row.app + row.pg).toFixed(0)} | ${
          row === ours ? `${((floor!.app + floor!.pg) / (ours!.app + ours!.pg)).toFixed(2)}×` : ""
        } |`,
      );
  }
} finally {
  await floorSql.end({ timeout: 5 });
  await scratch.drop();
  await inngest.close();
}
