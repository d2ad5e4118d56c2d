import { getDb } from "@/db/client";
import { currentMarketer } from "@/lib/auth/session";
import { checkDatabaseHealth } from "@/lib/health/check-database";
import { deliveryEngineStatus } from "@/lib/outbox/engine-status";

export const dynamic = "force-dynamic";

/**
 * Load balancers and uptime checks get the status alone (200 or 503). The database driver and
 * server version, and the delivery engine's outbox backlog, are for signed-in marketers only: they
 * tell an attacker what to try.
 */
export async function GET() {
  const health = await checkDatabaseHealth();
  const status = health.status === "ok" ? 200 : 503;
  const headers = { "Cache-Control": "no-store" };
  // No session can be checked while the database is down, and none is needed to say so.
  const signedIn = health.status === "ok" && (await currentMarketer().catch(() => null)) !== null;
  if (!signedIn) return Response.json({ status: health.status }, { status, headers });
  const engine = await deliveryEngineStatus(await getDb(), null);
  const outbox = {
    state: engine.state,
    waiting: engine.waiting,
    oldest_waiting_seconds: engine.oldestWaitingAt
      ? Math.round((Date.now() - engine.oldestWaitingAt.getTime()) / 1000)
      : null,
    last_hand_off_at: engine.lastHandOffAt?.toISOString() ?? null,
    last_failure: engine.failure ? { at: engine.failure.at.toISOString(), message: engine.failure.message } : null,
  };
  return Response.json({ ...health, outbox }, { status, headers });
}
