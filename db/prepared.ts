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
