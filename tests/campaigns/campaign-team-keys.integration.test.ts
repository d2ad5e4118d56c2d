import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { inboundRequests, outboxEvents, rewards, teams } from "@/db/schema";
import { createProgram, createTeam } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

// Events, rewards and the inbound log reference their campaign by (campaign_id, team_id).
describe(`campaign and team keys (${databaseKind()})`, () => {
  it("refuses an event, reward or log row that names another team than its campaign's", async () => {
    const { campaign, referrer, lead } = await createProgram(database.db);
    const other = await createTeam(database.db);
    const counts = async () =>
      selectRows<{ n: number }>(
        database.db,
        sql`select (select count(*) from outbox_events where campaign_id = ${campaign.id})
          + (select count(*) from rewards where campaign_id = ${campaign.id})
          + (select count(*) from inbound_requests where campaign_id = ${campaign.id}) as n`,
      );
    const before = await counts();
    const foreign = { teamId: other.teamId, campaignId: campaign.id };
    const refused = (table: string) => ({
      cause: expect.objectContaining({ message: expect.stringContaining(`${table}_campaign_team_fk`) }),
    });

    await expect(
      database.db.insert(outboxEvents).values({ ...foreign, type: "user.joined", data: {} }),
    ).rejects.toMatchObject(refused("outbox_events"));
    await expect(
      database.db.insert(rewards).values({
        ...foreign,
        recipientId: referrer.id,
        leadId: lead.id,
        description: "A gift card",
        grantKey: "test:foreign-team",
      }),
    ).rejects.toMatchObject(refused("rewards"));
    await expect(database.db.insert(inboundRequests).values({ ...foreign, httpStatus: 200 })).rejects.toMatchObject(
      refused("inbound_requests"),
    );
    expect(await counts()).toEqual(before);
  });

  it("still goes with its campaign's team when the team is deleted", async () => {
    const { team, campaign } = await createProgram(database.db);
    await database.db.insert(inboundRequests).values({ teamId: team.teamId, campaignId: campaign.id, httpStatus: 200 });
    await database.db.delete(teams).where(eq(teams.id, team.teamId));
    for (const table of [outboxEvents, rewards, inboundRequests])
      expect(await database.db.select().from(table).where(eq(table.campaignId, campaign.id))).toEqual([]);
  });
});
