import { createConnection, createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { gatePool } from "@/db/pool-gate";
import { isDatabaseUnavailable, POOL_REFUSED_CODE } from "@/lib/errors/database-unavailable";

// The gate sits in front of postgres.js only, so these run against the PostgreSQL server.
const serverUrl = process.env.TEST_DATABASE_URL;
const quietNotices = () => {};
const pools: postgres.Sql[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end({ timeout: 1 })));
});

function openPool(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  const pool = postgres(url, { onnotice: quietNotices, ...options });
  pools.push(pool);
  return pool;
}

async function outcome(run: () => Promise<unknown>): Promise<{ error?: { code?: string }; ms: number }> {
  const started = performance.now();
  try {
    await run();
    return { ms: performance.now() - started };
  } catch (error) {
    return { error: error as { code?: string }, ms: performance.now() - started };
  }
}

/** A TCP forwarder to the server that can be switched off (connections refused, open ones cut). */
async function switchableProxy(target: URL) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    start: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
  };
}

describe.skipIf(!serverUrl)("the pool gate in front of postgres.js", () => {
  it("refuses, as an outage, a statement that waits longer than the bound for a free connection", async () => {
    const sql = gatePool(openPool(serverUrl!, { max: 1 }), { size: 1, perConnection: 1, maxWaitMs: 200 });
    const holding = sql.begin((tx) => tx`select pg_sleep(1)`);
    const waited = await outcome(() => sql.unsafe("select 1"));
    expect(waited.error?.code).toBe(POOL_REFUSED_CODE);
    expect(isDatabaseUnavailable(waited.error)).toBe(true);
    expect(waited.ms).toBeGreaterThanOrEqual(190);
    expect(waited.ms).toBeLessThan(900);
    await holding;
    // A wait that ended in a refusal leaves nothing behind: the pool serves the next statement.
    expect(await sql.unsafe("select 1 as one")).toEqual([{ one: 1 }]);
  });

  it("before the server has answered, admits one statement per connection; after, several to pipeline", async () => {
    const sql = gatePool(openPool(serverUrl!, { max: 1 }), { size: 1, perConnection: 2, maxWaitMs: 200 });
    // Unproven: a second statement waits for the first, the one connection it may have to open.
    const [first, second] = await Promise.all([
      outcome(() => sql.unsafe("select pg_sleep(0.4)")),
      outcome(() => sql.unsafe("select 1")),
    ]);
    expect(first.error).toBeUndefined();
    expect(second.error?.code).toBe(POOL_REFUSED_CODE);
    // Answering: two may be in flight on the open connection; a third waits, and is refused.
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => outcome(() => sql.unsafe("select pg_sleep(0.4)"))));
    expect([a!.error, b!.error]).toEqual([undefined, undefined]);
    expect(c!.error?.code).toBe(POOL_REFUSED_CODE);
  });

  it("admits statements in turn, in rows or in arrays as drizzle asks", async () => {
    const sql = gatePool(openPool(serverUrl!, { max: 2 }), { size: 2, perConnection: 1, maxWaitMs: 5_000 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => sql.unsafe("select $1::int as n", [i]).values()),
    );
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => [[i]]));
    expect(await sql.begin(async (tx) => (await tx`select 2 as two`)[0])).toEqual({ two: 2 });
  });

  it("while the server is down, one request at a time looks and every other is refused at once; the first answer reopens it", async () => {
    const proxy = await switchableProxy(new URL(serverUrl!));
    const sql = gatePool(openPool(proxy.url, { max: 4, connect_timeout: 2, backoff: () => 0 }), {
      size: 4,
      perConnection: 4,
      maxWaitMs: 5_000,
    });
    try {
      expect(await sql.unsafe("select 1 as one")).toEqual([{ one: 1 }]);
      await proxy.stop();

      const first = await outcome(() => sql.unsafe("select 1"));
      expect(isDatabaseUnavailable(first.error)).toBe(true);
      expect(first.error?.code).not.toBe(POOL_REFUSED_CODE);

      const burst = await Promise.all(Array.from({ length: 20 }, () => outcome(() => sql.unsafe("select 1"))));
      expect(burst.every(({ error }) => isDatabaseUnavailable(error))).toBe(true);
      // At most one of them went to the server to look; the rest did not wait for it.
      expect(burst.filter(({ error }) => error?.code !== POOL_REFUSED_CODE).length).toBeLessThanOrEqual(1);
      expect(Math.max(...burst.map(({ ms }) => ms))).toBeLessThan(1_500);

      await proxy.start();
      let reopened = await outcome(() => sql.unsafe("select 1"));
      // The burst's probe may still be finishing; the next request after it gets through.
      if (reopened.error?.code === POOL_REFUSED_CODE)
        reopened = await outcome(() => new Promise((r) => setTimeout(r, 200)).then(() => sql.unsafe("select 1")));
      expect(reopened.error).toBeUndefined();
      const after = await Promise.all(Array.from({ length: 8 }, () => sql.unsafe("select 1 as one")));
      expect(after).toEqual(Array.from({ length: 8 }, () => [{ one: 1 }]));
    } finally {
      await proxy.stop().catch(() => {});
    }
  });
});
