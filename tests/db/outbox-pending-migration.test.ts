import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { afterAll, describe, expect, it } from "vitest";

const folder = path.resolve(__dirname, "../../drizzle");
const migrations = readdirSync(folder)
  .filter((file) => file.endsWith(".sql"))
  .sort();
const QUEUE_MIGRATION = "0015_outbox_pending_queue.sql";

async function apply(client: PGlite, file: string) {
  for (const statement of readFileSync(path.join(folder, file), "utf8").split("--> statement-breakpoint"))
    if (statement.trim()) await client.exec(statement);
}

describe("the migration to the relay's queue", () => {
  const client = new PGlite({ extensions: { pg_trgm } });
  afterAll(() => client.close());

  it("queues every event an older version had not handed to Inngest yet, and no other", async () => {
    for (const file of migrations.slice(0, migrations.indexOf(QUEUE_MIGRATION))) await apply(client, file);
    const {
      rows: [team],
    } = await client.query<{ id: string }>(`insert into teams (name) values ('Team') returning id`);
    const {
      rows: [campaign],
    } = await client.query<{ id: string }>(
      `insert into campaigns (team_id, name, landing_url, referrer_reward) values ($1, 'C', 'https://example.com', 'A gift') returning id`,
      [team!.id],
    );
    const { rows: events } = await client.query<{ id: string; sent: boolean }>(
      `insert into outbox_events (team_id, campaign_id, type, data, created_at, sent_at)
       values ($1, $2, 'user.joined', '{}', now() - interval '1 hour', now()),
              ($1, $2, 'lead.created', '{}', now() - interval '2 minutes', null),
              ($1, $2, 'lead.qualified', '{}', now() - interval '1 minute', null)
       returning id, sent_at is not null as sent`,
      [team!.id, campaign!.id],
    );

    await apply(client, QUEUE_MIGRATION);

    const { rows: queued } = await client.query<{ event_id: string; type: string; same_time: boolean }>(
      `select q.event_id, q.type, q.created_at = e.created_at as same_time
       from outbox_pending q join outbox_events e on e.id = q.event_id and e.team_id = q.team_id
         and e.campaign_id = q.campaign_id order by q.created_at`,
    );
    expect(queued).toEqual(
      events
        .filter((e) => !e.sent)
        .map((e, i) => ({ event_id: e.id, type: ["lead.created", "lead.qualified"][i], same_time: true })),
    );
    // Every event is still there, without the column the queue replaces.
    const { rows: kept } = await client.query(`select * from outbox_events`);
    expect(kept).toHaveLength(3);
    expect(Object.keys(kept[0]!)).not.toContain("sent_at");
  });
});
