// Delivery hot paths against their floors, on a scratch PostgreSQL database (dropped at the end).
// Usage: npm run bench:delivery   (BENCH_DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/postgres;
// BENCH_ROUNDS and BENCH_ATTEMPTS change the rounds and attempts per round)
// (a) performDeliveryAttempt, 16 concurrent on one webhook, vs fetch + Standard Webhooks signing + one INSERT;
// (b) fan-out of one event to 1,000 webhooks vs one set-based INSERT … SELECT.
import { performDeliveryAttempt } from "@/lib/webhooks/delivery/perform-attempt";
import { printAttemptTable, runAttemptRounds } from "./delivery/attempt-rounds";
import { statementsOf } from "./delivery/count-statements";
import { printFanOutTable, runFanOut } from "./delivery/fan-out-runs";
import { startLoopbackReceiver } from "./helpers/loopback-receiver";
import { createScratchDatabase } from "./helpers/scratch-database";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const options = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  // Rounds of 2,000 (about a second) left the first one the slowest for Referwire in every run.
  attemptsPerRound: Number(process.env.BENCH_ATTEMPTS ?? 5_000),
  warmUp: 1_000,
  concurrency: 16,
  roundTimeLimitMs: 15_000,
};
const FAN_OUT_WEBHOOKS = 1_000;
const FAN_OUT_RUNS = 11;

const database = await createScratchDatabase(serverUrl);
try {
  const receiver = await startLoopbackReceiver();
  try {
    console.log(`# Delivery hot paths (${new Date().toISOString().slice(0, 10)}, scratch database ${database.name})\n`);
    const attempts = await runAttemptRounds(database.db, receiver, options);
    console.log(
      `## Delivery attempts: ${options.concurrency} concurrent on one webhook, ${options.rounds} rounds each, alternating\n`,
    );
    printAttemptTable(attempts.attempt, attempts.floor);

    const counted = attempts.leftOver.slice(0, 10);
    const statements = await statementsOf(database.url, async (db) => {
      for (const id of counted) await performDeliveryAttempt(db, id, 1);
    });
    const perAttempt = statements
      .slice(0, statements.length / counted.length)
      .map((s) => `\`${s.replace(/\s+/g, " ").slice(0, 60)}…\``);
    console.log(`Statements per delivered attempt: ${statements.length / counted.length}: ${perAttempt.join("; ")}\n`);

    console.log(
      `## Fan-out of one event to ${FAN_OUT_WEBHOOKS.toLocaleString("en-US")} webhooks, median of ${FAN_OUT_RUNS} runs each, alternating\n`,
    );
    printFanOutTable(await runFanOut(database.db, receiver.url, FAN_OUT_WEBHOOKS, FAN_OUT_RUNS));
  } finally {
    await receiver.close();
  }
} finally {
  await database.drop();
}
