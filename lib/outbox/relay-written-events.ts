import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { inngest } from "@/inngest/client";
import { afterResponse } from "@/lib/http/after-response";
import { createOutboxRelay, type OutboxRelay } from "./relay";

type RequestOutbox = { wroteEvents: boolean };
const requestOutbox = new AsyncLocalStorage<RequestOutbox>();

/**
 * Runs a request's work (an action, an API or inbound request) and, when it wrote an outbox event,
 * kicks the relay after the response has gone out, so every event reaches Inngest at once without
 * each route remembering to ask. A request that wrote nothing (an already-qualified code, a read)
 * never wakes the relay. An event whose transaction then rolled back costs the relay one empty read.
 */
export async function relayEventsWrittenBy<T>(db: () => Db | Promise<Db>, work: () => Promise<T>): Promise<T> {
  const scope: RequestOutbox = { wroteEvents: false };
  try {
    return await requestOutbox.run(scope, work);
  } finally {
    if (scope.wroteEvents) afterResponse(async () => relayFor(await db()).kick());
  }
}

/** Called by whatever inserts into the outbox (`recordEvent`, the one-statement qualification). */
export function noteEventWritten(): void {
  const scope = requestOutbox.getStore();
  if (scope) scope.wroteEvents = true;
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
