import { Column, getTableName, is, Param, Placeholder, SQL, Subquery } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "./client";

/**
 * A query prepared once per database handle, for hot paths: drizzle builds its SQL on first use
 * only, and postgres.js keeps it as a named statement on each connection, so PostgreSQL parses
 * and plans it once per connection too. Values go in through `sql.placeholder`.
 */
export function preparedPerDb<Q>(prepare: (db: Db) => Q): (db: Db) => Q {
  const prepared = new WeakMap<Db, Q>();
  return (db) => {
    let query = prepared.get(db);
    if (!query) prepared.set(db, (query = prepare(db)));
    return query;
  };
}

type Executable = { execute: (values?: Record<string, unknown>) => Promise<unknown> };

/** What drizzle's postgres.js prepared query holds (drizzle-orm 0.45, `postgres-js/session`). */
type PostgresJsPrepared = {
  client: Sql;
  queryString: string;
  params: unknown[];
  prepare: boolean;
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: unknown;
};
type Decoder = { mapFromDriverValue: (value: unknown) => unknown };

/**
 * A drizzle prepared query that runs straight on postgres.js: the same statement, parameters and
 * rows as `execute`, without drizzle's per-call layers. Those fill every placeholder and map every
 * column by asking each param and column for its class, through several async wrappers; on the
 * inbound webhook that was ~40 µs of a request's CPU. Here the binding and the row mapping are
 * worked out once from what drizzle prepared.
 */
export function onDriver<Q extends Executable>(query: Q): Pick<Q, "execute"> {
  const prepared = query as unknown as PostgresJsPrepared;
  // Anything else (PGlite, or a drizzle whose prepared query no longer holds these) runs as it is.
  const onPostgresJs =
    typeof prepared.client?.unsafe === "function" &&
    typeof prepared.queryString === "string" &&
    Array.isArray(prepared.params) &&
    typeof prepared.prepare === "boolean" &&
    "fields" in prepared;
  if (!onPostgresJs || prepared.customResultMapper) return query;
  const bind = binderOf(prepared.params);
  const options = { prepare: prepared.prepare };
  if (!prepared.fields) {
    // No selection (an UPDATE without RETURNING): drizzle hands back the driver's result.
    const execute = (values: Record<string, unknown> = {}) =>
      prepared.client.unsafe(prepared.queryString, bind(values) as never[], options);
    return { execute } as unknown as Pick<Q, "execute">;
  }
  const map = mapperOf(prepared.fields, prepared.joinsNotNullableMap);
  const execute = async (values: Record<string, unknown> = {}) => {
    const rows = await prepared.client.unsafe(prepared.queryString, bind(values) as never[], options).values();
    return rows.map(map);
  };
  return { execute } as unknown as Pick<Q, "execute">;
}

/** drizzle's `fillPlaceholders`, with each param's kind looked up once. */
function binderOf(params: unknown[]): (values: Record<string, unknown>) => unknown[] {
  const valueOf = (name: string, values: Record<string, unknown>) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    return values[name];
  };
  const binders = params.map((param): ((values: Record<string, unknown>) => unknown) => {
    if (is(param, Placeholder)) return (values) => valueOf(param.name, values);
    if (is(param, Param) && is(param.value, Placeholder)) {
      const { encoder, value } = param;
      return (values) => encoder.mapToDriverValue(valueOf(value.name, values));
    }
    return () => param;
  });
  return (values) => binders.map((binder) => binder(values));
}

/** drizzle's `mapResultRow`, with each column's decoder, path and join nullability looked up once. */
function mapperOf(
  fields: NonNullable<PostgresJsPrepared["fields"]>,
  joinsNotNullableMap: Record<string, boolean> | undefined,
): (row: unknown[]) => Record<string, unknown> {
  const columns = fields.map(({ path, field }) => ({ path, decoder: decoderOf(field) }));
  // As drizzle does: an object of a nullable join is null when its first column is null.
  const nullableObjects: { key: string; firstColumn: number }[] = [];
  if (joinsNotNullableMap) {
    const objects = new Map<string, { table: string | null; firstColumn: number }>();
    fields.forEach(({ path, field }, index) => {
      if (!is(field, Column) || path.length !== 2) return;
      const table = getTableName(field.table);
      const seen = objects.get(path[0]!);
      if (!seen) objects.set(path[0]!, { table, firstColumn: index });
      else if (seen.table !== table) seen.table = null;
    });
    for (const [key, { table, firstColumn }] of objects)
      if (table !== null && !joinsNotNullableMap[table]) nullableObjects.push({ key, firstColumn });
  }
  return (row) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { path, decoder } = columns[i]!;
      const raw = row[i];
      let node = result;
      for (let depth = 0; depth < path.length - 1; depth++)
        node = (node[path[depth]!] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]!] = raw === null ? null : decoder.mapFromDriverValue(raw);
    }
    for (const { key, firstColumn } of nullableObjects) if (row[firstColumn] === null) result[key] = null;
    return result;
  };
}

function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  // drizzle keeps an expression's decoder (`mapWith`) on the SQL, internally.
  const decoderOfSql = (sql: SQL) => (sql as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL)) return decoderOfSql(field);
  if (is(field, Subquery)) return decoderOfSql((field as unknown as { _: { sql: SQL } })._.sql);
  return decoderOfSql((field as SQL.Aliased).sql);
}
