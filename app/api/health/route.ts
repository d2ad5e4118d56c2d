import { checkDatabaseHealth } from "@/lib/health/check-database";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabaseHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
