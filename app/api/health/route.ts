import { checkDatabaseHealth } from "@/lib/health/check-database";
import { currentMarketer } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/**
 * Load balancers and uptime checks get the status alone (200 or 503). The database driver and
 * server version are for signed-in marketers only: they tell an attacker what to try.
 */
export async function GET() {
  const health = await checkDatabaseHealth();
  const status = health.status === "ok" ? 200 : 503;
  const headers = { "Cache-Control": "no-store" };
  // No session can be checked while the database is down, and none is needed to say so.
  const signedIn = health.status === "ok" && (await currentMarketer().catch(() => null)) !== null;
  return Response.json(signedIn ? health : { status: health.status }, { status, headers });
}
