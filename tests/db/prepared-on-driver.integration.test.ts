import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { onDriver } from "@/db/prepared";
import { campaigns, participants } from "@/db/schema";
import { createProgram, createReferrer } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();
const referrers = alias(participants, "referrer");

// The hot paths run drizzle's prepared queries straight on postgres.js (on PGlite, as they are):
// they must bind and read back exactly what drizzle's own `execute` does.
describe(`prepared queries run on the driver (${databaseKind()})`, () => {
  const personWithReferrer = () =>
    database.db
      .select({
        campaign: campaigns,
        person: participants,
        referrer: referrers,
        isLead: sql<boolean>`${participants.kind} = 'lead'`.mapWith(Boolean),
        codeLength: sql<number>`length(${participants.referralCode})`.mapWith(Number),
      })
      .from(participants)
      .innerJoin(campaigns, eq(campaigns.id, participants.campaignId))
      .leftJoin(referrers, eq(referrers.id, participants.referrerId))
      .where(and(eq(participants.referralCode, sql.placeholder("code")), eq(campaigns.teamId, sql.placeholder("team"))))
      .prepare("test_person_with_referrer");

  it("reads the same rows as drizzle: nested objects, dates, decoders, a null left join", async () => {
    const { team, referrer, lead } = await createProgram(database.db);
    const query = personWithReferrer();
    const direct = onDriver(query);

    for (const code of [lead.referralCode, referrer.referralCode]) {
      const values = { code, team: team.teamId };
      const [expected, actual] = [await query.execute(values), await direct.execute(values)];
      expect(actual).toEqual(expected);
      expect(actual).toHaveLength(1);
    }
    const [ofLead] = await direct.execute({ code: lead.referralCode, team: team.teamId });
    expect(ofLead!.person.joinedAt).toBeInstanceOf(Date);
    expect(ofLead!.referrer).toMatchObject({ id: referrer.id, kind: "referrer" });
    expect(ofLead!.isLead).toBe(true);
    const [ofReferrer] = await direct.execute({ code: referrer.referralCode, team: team.teamId });
    expect(ofReferrer!.referrer).toBeNull();
    expect(ofReferrer!.isLead).toBe(false);
  });

  it("binds every value where it belongs, and refuses a missing one as drizzle does", async () => {
    const { team, campaign } = await createProgram(database.db);
    const other = await createReferrer(database.db, campaign.id, "Grace");
    const direct = onDriver(personWithReferrer());
    expect(await direct.execute({ code: other.referralCode, team: "00000000-0000-0000-0000-000000000000" })).toEqual(
      [],
    );
    const [row] = await direct.execute({ code: other.referralCode, team: team.teamId });
    expect(row!.person).toMatchObject({ id: other.id, firstName: "Grace" });
    await expect(direct.execute({ code: other.referralCode })).rejects.toThrow(
      'No value for placeholder "team" was provided',
    );
  });

  it("runs a statement that selects nothing, and it takes effect", async () => {
    const { lead } = await createProgram(database.db);
    const rename = onDriver(
      database.db
        .update(participants)
        .set({ firstName: sql`${sql.placeholder("name")}` })
        .where(eq(participants.id, sql.placeholder("id")))
        .prepare("test_rename_participant"),
    );
    await rename.execute({ name: "Renamed", id: lead.id });
    const [after] = await database.db.select().from(participants).where(eq(participants.id, lead.id));
    expect(after!.firstName).toBe("Renamed");
  });
});
