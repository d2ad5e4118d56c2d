import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/**
 * What every domain function receives: the database (or a transaction) and the team it acts
 * for. Queries build their WHERE with `ownedBy`, so the team filter is the first thing written.
 */
export type TeamContext = { db: Db; teamId: string };

export function ownedBy(table: { teamId: PgColumn }, teamId: string, ...conditions: (SQL | undefined)[]) {
  return and(eq(table.teamId, teamId), ...conditions) as SQL;
}
