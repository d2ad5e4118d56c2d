import type { Sql } from "postgres";
import { isDatabaseUnavailable, POOL_REFUSED_CODE } from "@/lib/errors/database-unavailable";

export type PoolGateLimits = {
  /** The pool's size: statements and transactions handed to the driver while no connection is known to work. */
  size: number;
  /** Once the server answers, this many per connection may be in flight (postgres.js pipelines them). */
  perConnection: number;
  /** Longest wait for admission before the request is refused. */
  maxWaitMs: number;
};

/**
 * Puts a bounded wait in front of a postgres.js pool, which has none of its own: the driver queues
 * every statement it cannot place and, while the server is down, tries one connection per queued
 * statement, so a queue deeper than the pool waits a multiple of the connect timeout. Until the
 * server has answered, at most `size` statements or transactions are handed to the driver (one per
 * connection it may have to open); once it answers, `size × perConnection`, so that the driver can
 * pipeline statements on its open connections. The rest wait up to `maxWaitMs`.
 *
 * It is also a circuit breaker: once a statement fails because the server is unreachable, waiting
 * requests are refused at once and, until one succeeds again, a single request at a time goes
 * through to find out whether the server is back while every other is refused without waiting.
 */
export function gatePool(client: Sql, limits: PoolGateLimits): Sql {
  const waiting: { admit: () => void; refuse: (error: Error) => void; timer: NodeJS.Timeout }[] = [];
  let running = 0;
  // unproven: nothing has succeeded yet; answering: the last outcome was an answer; down: the
  // last outcome was "unreachable".
  let state: "unproven" | "answering" | "down" = "unproven";
  let probing = false;
  const admits = () => (state === "answering" ? limits.size * limits.perConnection : limits.size);

  const refused = (reason: string) =>
    Object.assign(new Error(`Database connection refused by the pool: ${reason}`), { code: POOL_REFUSED_CODE });

  function admission(): Promise<boolean> {
    if (state === "down") {
      if (probing) return Promise.reject(refused("the database is unreachable"));
      probing = true;
      running++;
      return Promise.resolve(true);
    }
    if (running < admits()) {
      running++;
      return Promise.resolve(false);
    }
    return new Promise((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          running++;
          resolve(false);
        },
        refuse: (error: Error) => {
          clearTimeout(entry.timer);
          reject(error);
        },
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(refused(`no connection free within ${limits.maxWaitMs} ms`));
        }, limits.maxWaitMs),
      };
      waiting.push(entry);
    });
  }

  function release(isProbe: boolean, outcome: "answered" | "unreachable") {
    running--;
    if (isProbe) probing = false;
    if (outcome === "unreachable") {
      state = "down";
      for (const entry of waiting.splice(0)) entry.refuse(refused("the database is unreachable"));
      return;
    }
    state = "answering";
    while (waiting.length > 0 && running < admits()) waiting.shift()!.admit();
  }

  async function admitted<T>(run: () => Promise<T>): Promise<T> {
    const isProbe = await admission();
    try {
      const result = await run();
      release(isProbe, "answered");
      return result;
    } catch (error) {
      // A constraint or a statement timeout is an answer: the server is there.
      release(isProbe, isDatabaseUnavailable(error) ? "unreachable" : "answered");
      throw error;
    }
  }

  // drizzle calls `unsafe(…)` and sometimes `.values()` on what it returns, synchronously, before
  // admission (always at least a tick away) starts the driver's query.
  const unsafe = (...args: Parameters<Sql["unsafe"]>) => {
    let asValues = false;
    const result = admitted(async () => {
      const query = client.unsafe(...args);
      return asValues ? query.values() : query;
    }) as Promise<unknown> & { values: () => Promise<unknown> };
    result.values = () => {
      asValues = true;
      return result;
    };
    return result;
  };
  const begin = (...args: unknown[]) =>
    admitted(() => (client.begin as (...a: unknown[]) => Promise<unknown>)(...args));

  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return begin;
      return Reflect.get(target, property, receiver);
    },
  });
}
