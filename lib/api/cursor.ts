import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { ownedBy } from "@/db/scope";
import { isUuid } from "@/lib/ids";

type Listed = PgTable & { id: PgColumn; teamId: PgColumn };

/**
 * The rows after a cursor in a list ordered newest first by (`at`, id): `starting_after` names the
 * last row the caller has, so rows inserted meanwhile (all newer) never shift the pages after it.
 * Null when the cursor is not one of the team's rows.
 */
export async function afterCursor(
  db: Db,
  teamId: string,
  table: Listed,
  at: PgColumn,
  startingAfter: string,
): Promise<SQL | null> {
  if (!isUuid(startingAfter)) return null;
  const [cursor] = await db
    .select({ at: sql<string>`${at}::text`, id: table.id })
    .from(table)
    .where(ownedBy(table, teamId, eq(table.id, startingAfter)));
  if (!cursor) return null;
  // The time as text keeps its microseconds, which a JavaScript Date would drop.
  return sql`(${at}, ${table.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}
