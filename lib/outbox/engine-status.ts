import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxPending, outboxRelayPulse } from "@/db/schema";

/**
 * An event still unsent this long is stuck: the relay retries every 5 s and the sweep takes what
 * is 30 s old, so by now Inngest has been unreachable for a while.
 */
export const STALLED_AFTER_MS = 60_000;

export type DeliveryEngineStatus = {
  /** Events written but not yet handed to Inngest (the team's, or everyone's). */
  waiting: number;
  oldestWaitingAt: Date | null;
  /** When any instance last handed events to Inngest. */
  lastHandOffAt: Date | null;
  /** The last failure to reach Inngest, when there was none since. */
  failure: { at: Date; message: string } | null;
  state: "flowing" | "stalled";
};

/** Whether events are reaching Inngest: the relay's queue (its backlog) and the pulse. */
export async function deliveryEngineStatus(
  db: Db,
  teamId: string | null,
  now = new Date(),
): Promise<DeliveryEngineStatus> {
  const [[backlog], [pulse]] = await Promise.all([
    db
      .select({
        waiting: sql<number>`count(*)::int`,
        oldest: sql<string | null>`min(${outboxPending.createdAt})::text`,
      })
      .from(outboxPending)
      .where(teamId ? eq(outboxPending.teamId, teamId) : undefined),
    db.select().from(outboxRelayPulse).where(eq(outboxRelayPulse.id, 1)),
  ]);
  const oldestWaitingAt = backlog?.oldest ? new Date(backlog.oldest) : null;
  const lastHandOffAt = pulse?.lastHandOffAt ?? null;
  const failedSince =
    pulse?.lastFailureAt && (!lastHandOffAt || pulse.lastFailureAt > lastHandOffAt)
      ? { at: pulse.lastFailureAt, message: pulse.lastFailure ?? "" }
      : null;
  const stalled = oldestWaitingAt !== null && now.getTime() - oldestWaitingAt.getTime() > STALLED_AFTER_MS;
  return {
    waiting: backlog?.waiting ?? 0,
    oldestWaitingAt,
    lastHandOffAt,
    failure: failedSince,
    state: stalled ? "stalled" : "flowing",
  };
}
