import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { createScratchDatabase } from "./scratch-database";

/**
 * What a query benchmark needs: a migrated scratch database, one connection for the queries
 * under test (like one request) whose logger keeps the last statement, so its plan can be shown,
 * a median timer, and `close` to leave nothing behind.
 */
export async function openQueryBench(serverUrl: string) {
  const scratch = await createScratchDatabase(serverUrl);
  const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
  let lastQuery = { sql: "", params: [] as unknown[] };
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => (lastQuery = { sql, params }) },
  }) as unknown as Db;
  return {
    /** The setup's pool, for filling the database. */
    setup: scratch.db,
    /** The one connection, for set-based SQL and server facts. */
    sql: client,
    db,
    async serverVersion() {
      return ((await client`select version()`)[0]!.version as string).split(" on ")[0]!;
    },
    async medianMs(run: () => Promise<unknown>, runs: number) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    },
    /** EXPLAIN (ANALYZE, BUFFERS) of the last statement `db` sent. */
    async explainLast() {
      const plan = await client.unsafe(`explain (analyze, buffers) ${lastQuery.sql}`, lastQuery.params as never[]);
      return plan.map((row) => row["QUERY PLAN"]).join("\n");
    },
    async close() {
      await client.end();
      await scratch.drop();
    },
  };
}
