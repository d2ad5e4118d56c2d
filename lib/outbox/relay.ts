import "server-only";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { onDriver, preparedPerDb } from "@/db/prepared";
import { outboxPending, outboxRelayPulse } from "@/db/schema";

/** Events handed to Inngest per send: one request, one DELETE from the queue. */
export const RELAY_BATCH = 500;
/** After Inngest failed to take a batch, the relay waits this long before it tries again. */
export const RELAY_RETRY_DELAY_MS = 5_000;
/**
 * The relay gathers events this long before a batch, so that requests committing together share
 * one send; a lone event reaches Inngest that much later.
 */
export const RELAY_GATHER_MS = 50;
/**
 * While writes keep coming (kicks arrived while the last batch gathered or was read), each
 * further batch gathers this long: a few sends a second however busy the process is, since each
 * send and each read of the queue has a fixed cost (~1.5 ms of CPU for the Inngest client's
 * request alone). Events of a steady stream reach Inngest up to this much later. A full batch (a
 * backlog) goes on at once.
 */
export const RELAY_STREAM_GATHER_MS = 200;

export type RelayedEvent = {
  id: string;
  name: "referwire/event.recorded";
  data: { eventId: string; campaignId: string; type: string };
};
export type SendEvents = (events: RelayedEvent[]) => Promise<unknown>;
export type RelayResult = { sent: number; error?: string };

/** Outbox events still queued for Inngest, oldest first, as Inngest events keyed by outbox id. */
export async function loadUnsentEvents(
  db: Db,
  options: { olderThan?: Date; limit?: number } = {},
): Promise<RelayedEvent[]> {
  const rows = await unsentQuery(db).execute({
    olderThan: options.olderThan?.toISOString() ?? null,
    limit: options.limit ?? RELAY_BATCH,
  });
  return rows.map((r) => ({
    id: r.id,
    name: "referwire/event.recorded",
    data: { eventId: r.id, campaignId: r.campaignId, type: r.type },
  }));
}

// The relay's two statements are prepared once per database: they run several times a second
// under load, and a statement rebuilt with one placeholder per id would be parsed anew by
// PostgreSQL for every batch size.
const unsentQuery = preparedPerDb((db) =>
  onDriver(
    db
      .select({ id: outboxPending.eventId, campaignId: outboxPending.campaignId, type: outboxPending.type })
      .from(outboxPending)
      // No cut-off (the relay) reads every queued event; the sweep passes one.
      .where(lt(outboxPending.createdAt, sql`coalesce(${sql.placeholder("olderThan")}::timestamptz, 'infinity')`))
      .orderBy(asc(outboxPending.createdAt))
      .limit(sql.placeholder("limit"))
      .prepare("load_unsent_events"),
  ),
);

/** The pulse is written at most this often, so a busy relay does not queue on its one row. */
const PULSE_EVERY = sql`interval '5 seconds'`;

/**
 * Marks handed-over events sent by taking them off the queue, and beats the engine's pulse (the
 * last hand-off) in the same statement. Rows are locked in id order and rows another relay is
 * taking off right now are skipped (it does), so overlapping relays never deadlock and never wait
 * on each other.
 */
export async function markEventsSent(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await markSentStatement(db).execute({ ids });
}

const markSentStatement = preparedPerDb((db) => {
  const q = outboxPending;
  const p = outboxRelayPulse;
  const marked = db.$with("marked", {}).as(
    sql`delete from ${q}
      where ${q.eventId} in (
        select ${q.eventId} from ${q}
        where ${q.eventId} = any(${sql.placeholder("ids")}::uuid[])
        order by ${q.eventId}
        for update skip locked)
      returning 1`,
  );
  return onDriver(
    db
      .with(marked)
      .update(p)
      .set({ lastHandOffAt: sql`now()` })
      .where(and(eq(p.id, 1), sql`coalesce(${p.lastHandOffAt} < now() - ${PULSE_EVERY}, true)`))
      .prepare("mark_events_sent"),
  );
});

/** Records that Inngest could not be reached (at most every few seconds); never throws. */
async function recordRelayFailure(db: Db, message: string): Promise<void> {
  const p = outboxRelayPulse;
  await db
    .execute(
      sql`update ${p} set last_failure_at = now(), last_failure = ${message.slice(0, 500)}
        where ${p.id} = 1 and coalesce(${p.lastFailureAt} < now() - ${PULSE_EVERY}, true)`,
    )
    .catch(() => {});
}

/**
 * Hands one batch of unsent events to Inngest, then marks them sent. Never throws: when Inngest
 * is unreachable the events stay in the outbox for the next try (at-least-once; Inngest
 * de-duplicates on the outbox id when one is handed over twice).
 */
export async function relayOutbox(db: Db, send: SendEvents, limit = RELAY_BATCH): Promise<RelayResult> {
  try {
    const events = await loadUnsentEvents(db, { limit });
    if (events.length === 0) return { sent: 0 };
    await send(events);
    await markEventsSent(
      db,
      events.map((e) => e.id),
    );
    return { sent: events.length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[outbox] relay deferred, events stay in the outbox: ${message}`);
    await recordRelayFailure(db, message);
    return { sent: 0, error: message };
  }
}

export type OutboxRelay = {
  /** Something was committed to the outbox: relay it soon. Resolves when this drain ends. */
  kick: () => Promise<void>;
  /** Resolves once no drain is running (a database about to close waits for it). */
  idle: () => Promise<void>;
};

/**
 * The process's relay: single-flight, so however many requests commit events at once there is
 * one relay in flight, holding one connection only while it reads or marks a batch, and each
 * event is handed over once. A kick during a drain makes the drain take one more batch, which
 * picks up what committed meanwhile. The first batch gathers for `RELAY_GATHER_MS`; while writes
 * keep coming the drain stays on, each further batch gathering for `RELAY_STREAM_GATHER_MS`, and
 * it ends after a gather in which nothing came. After a failed send it pauses, then retries by
 * itself.
 */
export function createOutboxRelay(deps: {
  db: () => Promise<Db>;
  send: SendEvents;
  retryDelayMs?: number;
  batch?: number;
  gatherMs?: number;
  streamGatherMs?: number;
}): OutboxRelay {
  const retryDelayMs = deps.retryDelayMs ?? RELAY_RETRY_DELAY_MS;
  const batch = deps.batch ?? RELAY_BATCH;
  const gatherMs = deps.gatherMs ?? RELAY_GATHER_MS;
  const streamGatherMs = deps.streamGatherMs ?? RELAY_STREAM_GATHER_MS;
  let draining: Promise<void> | null = null;
  let kickedAgain = false;
  let pausedUntil = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  async function drain(): Promise<void> {
    const db = await deps.db();
    let gather = gatherMs;
    let wanted = true; // the kick that started this drain
    for (;;) {
      kickedAgain = false;
      if (gather > 0) await new Promise((resolve) => setTimeout(resolve, gather));
      // Kicks while it gathered: writes keep coming, so it stays on and gathers longer.
      const keptComing = kickedAgain;
      if (!wanted && !keptComing) return; // the stream stopped: nothing to read
      kickedAgain = false;
      const result = await relayOutbox(db, deps.send, batch);
      if (result.error) return pause();
      // A full batch means more may be waiting (a backlog): it goes on without a kick or a wait.
      const backlog = result.sent === batch;
      wanted = backlog || kickedAgain;
      if (!wanted && !keptComing) return;
      gather = backlog ? 0 : streamGatherMs;
    }
  }

  function pause(): void {
    pausedUntil = Date.now() + retryDelayMs;
    retryTimer ??= setTimeout(() => {
      retryTimer = null;
      // The pause is over now: a timer may fire a millisecond before Date.now() reaches it.
      pausedUntil = 0;
      void kick();
    }, retryDelayMs);
    retryTimer.unref?.();
  }

  function kick(): Promise<void> {
    if (draining) {
      kickedAgain = true;
      return draining;
    }
    if (Date.now() < pausedUntil) return Promise.resolve(); // the retry timer will drain
    draining = drain()
      .catch((error) => console.warn("[outbox] relay failed:", error))
      .finally(() => {
        draining = null;
        // A kick that landed after the last batch was read must not wait for the next request.
        if (kickedAgain) void kick();
      });
    return draining;
  }

  return { kick, idle: async () => void (await draining) };
}
