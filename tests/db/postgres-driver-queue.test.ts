import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// postgres.js keeps its pool's connections (open, busy, …) in this queue. As published (3.4.9),
// `shift` leaves an empty slot behind until the queue is empty, and `remove` searches from the
// first slot: a queue that never empties (busy connections under steady load, open ones under
// light load) made every statement search one slot more than the last, 14 µs a request on
// average over 20,000 inbound requests. The fix is applied at install (patches/, by
// patch-package), to the CommonJS and the ES module build.
type Queue<T> = { length: number; push: (x: T) => T; shift: () => T; remove: (x: T) => T | null };
type MakeQueue = <T>(initial?: T[]) => Queue<T>;

const driverSource = path.dirname(createRequire(import.meta.url).resolve("postgres"));
const builds: [string, () => Promise<MakeQueue>][] = [
  ["CommonJS", async () => createRequire(import.meta.url)(path.join(driverSource, "queue.js")) as MakeQueue],
  [
    "ES module",
    async () =>
      ((await import(pathToFileURL(path.join(driverSource, "../../src/queue.js")).href)) as { default: MakeQueue })
        .default,
  ],
];

const indexOf = Array.prototype.indexOf;

/** The longest stretch of slots any `indexOf` looked through while `run` ran. */
function longestSearch(run: () => void): number {
  let longest = 0;
  Array.prototype.indexOf = function (this: unknown[], value: unknown, from?: number) {
    longest = Math.max(longest, this.length - (from ?? 0));
    return indexOf.call(this, value, from);
  };
  try {
    run();
  } finally {
    Array.prototype.indexOf = indexOf;
  }
  return longest;
}

type Connection = { id: number; queue: Queue<Connection> };

describe.each(builds)("the postgres.js connection queue (%s build)", (_, load) => {
  it("stays first in, first out, and removes what it holds", async () => {
    const queue = (await load())(["a", "b", "c"]);
    expect(queue.shift()).toBe("a");
    expect(queue.remove("a")).toBeNull();
    expect(queue.remove("c")).toBe("c");
    queue.push("d");
    expect(queue.length).toBe(2);
    expect([queue.shift(), queue.shift()]).toEqual(["b", "d"]);
    expect(queue.length).toBe(0);
  });

  it("searches only its live entries however long the pool stays busy", async () => {
    const makeQueue = await load();
    const open = makeQueue<Connection>();
    const busy = makeQueue<Connection>();
    const connections = Array.from({ length: 10 }, (_, id) => open.push({ id, queue: open }));
    // The driver's `move`: out of the queue a connection is in, onto the end of another.
    const move = (c: Connection, to: Queue<Connection>) => {
      c.queue.remove(c);
      to.push(c);
      c.queue = to;
    };

    // Light load: one statement at a time, so `open` never empties.
    const oneAtATime = longestSearch(() => {
      for (let i = 0; i < 20_000; i++) {
        const c = open.shift();
        move(c, busy);
        move(c, open);
      }
    });
    // Steady load: every connection busy, statements pipelined onto them in turn.
    for (const c of connections) move(c, busy);
    const pipelined = longestSearch(() => {
      for (let i = 0; i < 20_000; i++) move(busy.shift(), busy);
    });

    expect(oneAtATime).toBeLessThanOrEqual(connections.length);
    expect(pipelined).toBeLessThanOrEqual(connections.length);
    expect(open.length + busy.length).toBe(connections.length);
  });
});
