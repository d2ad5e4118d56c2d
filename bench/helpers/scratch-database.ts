import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPostgres, type Database } from "@/db/client";

/**
 * A new database on the server at `serverUrl`, migrated with the project's migrations. `drop`
 * closes the pool and removes the database, so a benchmark leaves nothing behind.
 */
export async function createScratchDatabase(
  serverUrl: string,
  options: { max?: number } = {},
): Promise<Database & { name: string; url: string; drop: () => Promise<void> }> {
  const name = `referwire_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), options);
  const drop = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    await database.migrate();
  } catch (error) {
    await drop();
    throw error;
  }
  return { ...database, name, url: url.toString(), drop };
}
