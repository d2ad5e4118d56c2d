import "server-only";
import type { Db } from "@/db/client";
import { inngest } from "@/inngest/client";
import { afterResponse } from "@/lib/http/after-response";
import { createOutboxRelay, type OutboxRelay } from "./relay";

// How many outbox events this process has written. A request compares it before and after its
// work instead of keeping a flag of its own in an AsyncLocalStorage: once in use, each storage
// costs every promise of the process ~70 ns (~20 µs per inbound request), to answer a question
// a counter answers for free, at the price of a request that overlapped another's write kicking
// too, which only extends a drain the writer starts anyway.
let eventsWritten = 0;

/**
 * Runs a request's work (an action, an API or inbound request) and, when an outbox event was
 * written while it ran (its own, or a concurrent request's), kicks the relay, so every event
 * reaches Inngest at once without each route remembering to ask. The writer's own kick comes
 * after its work, so after its transaction committed. A request that wrote nothing while nothing
 * else did (an already-qualified code, a read) never wakes the relay. An event whose transaction
 * then rolled back costs the relay one empty read.
 */
export async function relayEventsWrittenBy<T>(db: () => Db | Promise<Db>, work: () => Promise<T>): Promise<T> {
  const before = eventsWritten;
  try {
    return await work();
  } finally {
    if (eventsWritten !== before) await kickRelay(db);
  }
}

/**
 * Kicks at once: a drain gathers for `RELAY_GATHER_MS` before it reads, so by then the response
 * has gone out. Only the request that starts a drain hands it to `afterResponse` (which keeps a
 * serverless instance alive until it ends); the others join it without holding their request's
 * context open until it ends (under load, every request of a batch was kept alive that long).
 */
async function kickRelay(db: () => Db | Promise<Db>): Promise<void> {
  try {
    const drain = relayFor(await db()).kick();
    if (drainsAwaited.has(drain)) return;
    drainsAwaited.add(drain);
    afterResponse(() => drain);
  } catch (error) {
    // The events are committed; the sweep relays them if this request cannot.
    console.warn("[outbox] could not kick the relay:", error);
  }
}

const drainsAwaited = new WeakSet<Promise<void>>();

/** Called by whatever inserts into the outbox (`recordEvent`, the one-statement qualification). */
export function noteEventWritten(): void {
  eventsWritten++;
}

/** Waits for the database's relay to finish its drain, so that closing the database cuts none short. */
export async function outboxRelayIdle(db: Db): Promise<void> {
  await globalForRelay.referwireOutboxRelays?.get(db)?.idle();
}

// One single-flight relay per database (the process has one; tests open one per file), kept
// across dev hot reloads like the database pool.
const globalForRelay = globalThis as unknown as { referwireOutboxRelays?: WeakMap<Db, OutboxRelay> };

function relayFor(db: Db): OutboxRelay {
  const relays = (globalForRelay.referwireOutboxRelays ??= new WeakMap());
  let relay = relays.get(db);
  if (!relay) {
    relay = createOutboxRelay({ db: async () => db, send: (events) => inngest.send(events) });
    relays.set(db, relay);
  }
  return relay;
}
