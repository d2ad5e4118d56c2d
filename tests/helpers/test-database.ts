import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, setProcessDatabase, type Database, type Db } from "@/db/client";
import { outboxRelayIdle } from "@/lib/outbox/relay-written-events";

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named
 * by TEST_DATABASE_URL when it is set (dropped afterwards), otherwise an in-memory PGlite.
 * Tests still create their own teams, so nothing depends on the order they run in. Files reach
 * it through `setUpTestDatabase`, which also closes it.
 */
async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openPglite();
    await database.migrate();
    return database;
  }
  const name = `referwire_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 30 });
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const databaseKind = () => (process.env.TEST_DATABASE_URL ? "postgres" : "pglite");

/** A test file's database, open from its `beforeAll` to its `afterAll`. */
export type TestDatabase = {
  readonly db: Db;
  /** Points the process's `getDb()` at this database (a test that re-points it elsewhere). */
  setAsProcessDatabase(): void;
};

/**
 * The one way a test file gets its database: call it at the top of the file and it opens the
 * database before the file's tests and closes it after them, so each file is isolated from the
 * others. `processDatabase` also points the process at it, for code under test that calls
 * `getDb()` (Inngest functions, relays, route handlers).
 */
export function setUpTestDatabase(options: { processDatabase?: boolean } = {}): TestDatabase {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    if (options.processDatabase) setProcessDatabase(database);
  });
  afterAll(async () => {
    if (!database) return;
    // A relay a request started after its response may still be draining.
    await outboxRelayIdle(database.db);
    await database.close();
  });
  const opened = () => {
    if (!database) throw new Error("the test database opens in beforeAll");
    return database;
  };
  return {
    get db() {
      return opened().db;
    },
    setAsProcessDatabase: () => setProcessDatabase(opened()),
  };
}
