import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { startCpuMeasure } from "../helpers/cpu-usage";
import type { startLoopbackReceiver } from "../helpers/loopback-receiver";
import { percentile, runConcurrently, type RunStats } from "../helpers/run-concurrently";
import { floorAttempt } from "./floor-attempt";
import { seedPendingDeliveries } from "./seed";
import { verifyRound } from "./verify";

type Receiver = Awaited<ReturnType<typeof startLoopbackReceiver>>;
type Round = RunStats & { clientMs: number; serverMs: number; connections: number };
export type AttemptOptions = {
  rounds: number;
  attemptsPerRound: number;
  warmUp: number;
  concurrency: number;
  roundTimeLimitMs: number;
};

/**
 * performDeliveryAttempt and the floor, alternately, over distinct pending deliveries of one
 * webhook; after every round, checks that nothing was lost or doubled. Returns both summaries
 * and the deliveries left over.
 */
export async function runAttemptRounds(db: Db, receiver: Receiver, options: AttemptOptions) {
  const seeded = await seedPendingDeliveries(
    db,
    receiver.url,
    2 * (options.rounds * options.attemptsPerRound + options.warmUp) + 10,
  );
  await db.execute(sql`analyze`);
  const pending = [...seeded.deliveryIds];
  const take = (n: number) => pending.splice(0, n);
  const floor = floorAttempt(db, {
    teamId: seeded.team.teamId,
    webhookId: seeded.webhook.id,
    url: receiver.url,
    secret: seeded.secret,
    data: seeded.data,
    occurredAt: seeded.occurredAt,
  });
  const tasks = {
    attempt: async (id: string) => (await performDeliveryAttempt(db, id, 1)).next === "done",
    floor: floor.attempt,
  };
  const run = (ids: string[], task: (id: string) => Promise<boolean>) =>
    runConcurrently(ids, options.concurrency, options.roundTimeLimitMs, task);
  try {
    // Unmeasured: pool connections, kept-alive sockets, prepared statements, and V8 done compiling.
    for (const task of Object.values(tasks)) await run(take(options.warmUp), task);
    const rounds: Record<keyof typeof tasks, Round[]> = { attempt: [], floor: [] };
    for (let round = 1; round <= options.rounds; round++) {
      for (const path of ["attempt", "floor"] as const) {
        const ids = take(options.attemptsPerRound);
        const before = { requests: receiver.received(), connections: receiver.connections() };
        const cpu = await startCpuMeasure(db);
        const stats = await run(ids, tasks[path]);
        const usage = cpu.stop();
        const requestsReceived = receiver.received() - before.requests;
        await verifyRound(db, ids.slice(0, stats.attempts), { requestsReceived, settled: path === "attempt" });
        rounds[path].push({ ...stats, ...usage, connections: receiver.connections() - before.connections });
      }
    }
    return { attempt: summarize(rounds.attempt), floor: summarize(rounds.floor), leftOver: pending };
  } finally {
    await floor.close();
  }
}

export type AttemptSummary = ReturnType<typeof summarize>;

function summarize(rounds: Round[]) {
  const sum = (pick: (r: Round) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  const latencies = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const attempts = sum((r) => r.attempts);
  return {
    attempts,
    throughput: attempts / (sum((r) => r.elapsedMs) / 1000),
    perRound: rounds.map((r) => r.attempts / (r.elapsedMs / 1000)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures: sum((r) => r.failures),
    connections: sum((r) => r.connections),
    nodeCpuMs: sum((r) => r.clientMs) / attempts,
    postgresCpuMs: sum((r) => r.serverMs) / attempts,
  };
}

export function printAttemptTable(attempt: AttemptSummary, floor: AttemptSummary): void {
  console.log(
    "| path | attempts | throughput | p50 | p99 | failures | ratio (goal ≥ 0.8×) | CPU/attempt: Node | CPU/attempt: PostgreSQL |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const row = (label: string, s: AttemptSummary) =>
    console.log(
      `| ${label} | ${s.attempts} | ${s.throughput.toFixed(0)}/s | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${s.failures} | ` +
        `${(s.throughput / floor.throughput).toFixed(2)}× | ${s.nodeCpuMs.toFixed(2)} ms | ${s.postgresCpuMs.toFixed(2)} ms |`,
    );
  row("`performDeliveryAttempt`", attempt);
  row("floor: fetch (keep-alive) + signing + 1 INSERT", floor);
  const rates = (s: AttemptSummary) => s.perRound.map((r) => r.toFixed(0)).join(", ");
  console.log(`\nPer round: performDeliveryAttempt ${rates(attempt)}/s; floor ${rates(floor)}/s.`);
  console.log(
    `New connections to the receiver during the rounds: performDeliveryAttempt ${attempt.connections}, floor ${floor.connections}.`,
  );
}
