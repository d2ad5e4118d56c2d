import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";

/**
 * Runs `work` on a one-connection client that notes every statement it sends (BEGIN and COMMIT
 * included, since postgres.js sends them as statements too), and returns their texts.
 */
export async function statementsOf(url: string, work: (db: Db) => Promise<void>): Promise<string[]> {
  const sent: string[] = [];
  let counting = false;
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query) => void (counting && sent.push(query)),
  });
  try {
    await client`select 1`; // connects and loads types outside the count
    counting = true;
    await work(drizzle(client, { schema }) as unknown as Db);
    return sent;
  } finally {
    await client.end({ timeout: 5 });
  }
}
