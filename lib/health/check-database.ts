import "server-only";
import { sql } from "drizzle-orm";
import { database, selectRows } from "@/db/client";

export type DatabaseHealth =
  | { status: "ok"; database: { driver: "postgres" | "pglite"; version: string } }
  | { status: "unavailable"; error: string };

const TIMEOUT_MS = 3_000;

export async function checkDatabaseHealth(): Promise<DatabaseHealth> {
  try {
    const check = (async () => {
      const { db, driver } = await database();
      const [row] = await selectRows<{ version: string }>(db, sql`select current_setting('server_version') as version`);
      const version = row?.version;
      return { status: "ok" as const, database: { driver, version: version ?? "unknown" } };
    })();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref(),
    );
    return await Promise.race([check, timeout]);
  } catch (error) {
    console.error("[health] database check failed", error);
    return { status: "unavailable", error: "database unavailable" };
  }
}
