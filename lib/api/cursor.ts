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

/**
 * A position in a list ordered by (`at`, id), carried in a URL: the row's time to the microsecond
 * (as PostgreSQL keeps it, UTC) and its id. Unlike `afterCursor` it needs no lookup and stays
 * valid after its row is gone.
 */
export type Keyset = { at: string; id: string };

const KEYSET_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Selects a row's `at` in the form a Keyset holds. */
export const keysetAt = (at: PgColumn) =>
  sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Opaque in the URL, so nobody takes it for a date to edit. */
export const encodeKeyset = (key: Keyset) => Buffer.from(`${key.at}_${key.id}`).toString("base64url");

/** Null for anything `encodeKeyset` did not write. */
export function decodeKeyset(value: string): Keyset | null {
  const [at, id, ...rest] = Buffer.from(value, "base64url").toString().split("_");
  if (rest.length || !at || !id || !KEYSET_AT.test(at) || Number.isNaN(Date.parse(at)) || !isUuid(id)) return null;
  return { at, id };
}

/** The rows below `key` in a newest-first list (`older`), or above it (`newer`); equal times go by id. */
export function keysetBound(at: PgColumn, id: PgColumn, key: Keyset, side: "older" | "newer"): SQL {
  return side === "older"
    ? sql`(${at}, ${id}) < (${key.at}::timestamptz, ${key.id}::uuid)`
    : sql`(${at}, ${id}) > (${key.at}::timestamptz, ${key.id}::uuid)`;
}
