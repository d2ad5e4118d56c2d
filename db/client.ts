import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/config/env";
import { gatePool } from "./pool-gate";
import * as schema from "./schema";

/** The database or a transaction: domain functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  driver: "postgres" | "pglite";
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Bounds that make an outage fail fast instead of hanging requests (the driver's defaults wait
 * 30 s to connect and back off up to 20 s between attempts, long after the server is back).
 */
export const POSTGRES_LIMITS = {
  /** A connection attempt gives up after this many seconds. */
  connectTimeoutSeconds: 5,
  /** Longest pause before a failed connection is tried again (the back-off grows to it). */
  maxReconnectDelaySeconds: 1,
  /** A statement or transaction waiting longer than this for a free connection is refused. */
  poolWaitMs: 5_000,
  /** Statements in flight per open connection (pipelined by the driver) before more wait. */
  pipelinedPerConnection: 4,
  /** The server cancels any statement of the app's pool running longer than this. */
  statementTimeoutMs: 15_000,
  /** The server ends a session whose transaction sits idle this long (a stuck request). */
  idleInTransactionTimeoutMs: 15_000,
} as const;

/**
 * How the app's sessions cost plans. PostgreSQL's default `random_page_cost` (4) prices an index
 * probe as four sequential page reads, as for spinning disks, so on a table of a few pages it
 * scans every row instead: the inbound webhook's token and campaign lookups read all campaigns
 * per request, each row's visibility checked against the key-share locks other requests' foreign
 * keys left on it. With the data in memory or on SSD, a random read costs about a sequential one.
 */
export const PLANNER_SETTINGS = { random_page_cost: 1.1 } as const;

/** postgres.js against a real server. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const max = options.max ?? 10;
  const pool = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: POSTGRES_LIMITS.connectTimeoutSeconds,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, POSTGRES_LIMITS.maxReconnectDelaySeconds),
    connection: {
      statement_timeout: POSTGRES_LIMITS.statementTimeoutMs,
      idle_in_transaction_session_timeout: POSTGRES_LIMITS.idleInTransactionTimeoutMs,
      ...PLANNER_SETTINGS,
    },
  });
  const client = gatePool(pool, {
    size: max,
    perConnection: POSTGRES_LIMITS.pipelinedPerConnection,
    maxWaitMs: POSTGRES_LIMITS.poolWaitMs,
  });
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    driver: "postgres",
    // Migrations (an index on a large table) may run longer than a request's statement limit.
    migrate: async () => {
      const migrator = postgres(url, {
        max: 1,
        onnotice: () => {},
        connect_timeout: POSTGRES_LIMITS.connectTimeoutSeconds,
      });
      try {
        await migrate(drizzle(migrator), { migrationsFolder });
      } finally {
        await migrator.end({ timeout: 5 });
      }
    },
    close: () => pool.end({ timeout: 5 }),
  };
}

/** Embedded PostgreSQL; `dataDir` undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    driver: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

export function openConfiguredDatabase(): Promise<Database> {
  const { DATABASE_URL, DATA_DIR } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL) : openPglite(path.resolve(DATA_DIR, "pglite"));
}

// One connection pool (or one PGlite instance, which has no cross-process lock) per process,
// shared by every route bundle and kept across dev hot reloads.
const globalForDb = globalThis as unknown as { referwireDatabase?: Promise<Database> };

/** The process-wide database, migrated before first use. */
export function database(): Promise<Database> {
  globalForDb.referwireDatabase ??= openConfiguredDatabase()
    .then(async (database) => {
      await database.migrate();
      return database;
    })
    .catch((error) => {
      // Forget the failure so the next request tries again once the server is back.
      globalForDb.referwireDatabase = undefined;
      throw error;
    });
  return globalForDb.referwireDatabase;
}

/** Points the process at an already-open database (tests that run Inngest functions in-process). */
export function setProcessDatabase(database: Database): void {
  globalForDb.referwireDatabase = Promise.resolve(database);
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/** Raw SQL rows; the two drivers shape `execute` results differently. */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
