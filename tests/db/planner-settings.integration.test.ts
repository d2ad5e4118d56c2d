import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { hashInboundToken } from "@/lib/inbound/inbound-token";
import { createInboundProgram } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

// PGlite is one in-process session with its own defaults; the setting is the pool's.
describe.skipIf(databaseKind() !== "postgres")("the app's PostgreSQL sessions", () => {
  it("plan for data in memory: a token is found by its index, not by reading every token", async () => {
    const [setting] = await selectRows<{ cost: string }>(
      database.db,
      sql`select current_setting('random_page_cost') as cost`,
    );
    expect(setting!.cost).toBe("1.1");

    // A young deployment's hundred campaigns: the default costs read every token instead.
    const { team, token } = await createInboundProgram(database.db);
    await database.db.execute(sql`
      with added as (
        insert into campaigns (team_id, name, landing_url, referrer_reward)
        select ${team.teamId}, 'Campaign ' || g, 'https://example.com', 'A gift' from generate_series(1, 100) g
        returning id)
      insert into inbound_tokens (campaign_id, team_id, token_hash, token_hint, token_encrypted)
      select id, ${team.teamId}, md5(id::text) || md5(id::text), 'abcd', repeat('x', 120) from added`);
    await database.db.execute(sql`analyze inbound_tokens`);
    const plan = await selectRows<{ "QUERY PLAN": string }>(
      database.db,
      sql`explain select campaign_id from inbound_tokens where token_hash = ${hashInboundToken(token)}`,
    );
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Index Scan using inbound_tokens_hash_key");
  });
});
