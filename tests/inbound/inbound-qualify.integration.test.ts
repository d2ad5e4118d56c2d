import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outboxEvents, rewards } from "@/db/schema";
import { createLead } from "../helpers/fixtures";
import { callInbound, createInboundProgram, inboundRequest, postCode, programState } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

const eventsOf = (campaignId: string, type: string) =>
  database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, campaignId))
    .then((rows) => rows.filter((e) => e.type === type));

describe(`POST /api/inbound/<token>/qualify succeeds (${databaseKind()})`, () => {
  it("qualifies the lead with its event and reward, and answers with the lead", async () => {
    const { campaign, referrer, lead, token } = await createInboundProgram(database.db);
    const answer = await postCode(database.db, token, lead.referralCode);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      lead: {
        id: lead.id,
        referral_code: lead.referralCode,
        status: "qualified",
        qualified_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      already_qualified: false,
    });
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const [event] = await eventsOf(campaign.id, "lead.qualified");
    expect(event!.data).toMatchObject({
      user: { id: lead.id, status: "qualified" },
      referrer: { id: referrer.id },
      campaign: { id: campaign.id },
    });
    expect(await database.db.select().from(rewards).where(eq(rewards.campaignId, campaign.id))).toMatchObject([
      { recipientId: referrer.id, status: "due" },
    ]);
  });

  it("accepts every documented body shape, and codes in any case with surrounding spaces", async () => {
    const { campaign, referrer, token } = await createInboundProgram(database.db);
    const leads = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => createLead(database.db, referrer.referralCode, `Lead${i}`)),
    );
    const bodies: Parameters<typeof inboundRequest>[1][] = [
      { json: { referral_code: leads[0]!.referralCode } },
      { json: { code: leads[1]!.referralCode } },
      { form: { code: leads[2]!.referralCode } },
      { form: { referral_code: leads[3]!.referralCode } },
      {
        raw: JSON.stringify({ referral_code: `  ${leads[4]!.referralCode.toUpperCase()} ` }),
        contentType: "application/vnd.api+json; charset=utf-8",
      },
      {
        raw: `code=${leads[5]!.referralCode}&source=zapier`,
        contentType: "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
      },
    ];
    for (const [i, body] of bodies.entries()) {
      const answer = await callInbound(database.db, token, inboundRequest(token, body));
      expect(answer, `body ${i}`).toMatchObject({
        status: 200,
        body: { lead: { id: leads[i]!.id }, already_qualified: false },
      });
    }
    expect(await eventsOf(campaign.id, "lead.qualified")).toHaveLength(6);
  });

  it("an already qualified lead is 200 with already_qualified and writes nothing", async () => {
    const { campaign, lead, token } = await createInboundProgram(database.db, {
      autoIssueRewards: true,
      leadReward: "10% off",
    });
    const first = await postCode(database.db, token, lead.referralCode);
    const before = await programState(database.db, [campaign.id]);
    const again = await postCode(database.db, token, lead.referralCode);
    expect(again).toMatchObject({
      status: 200,
      body: { already_qualified: true, lead: { ...(first.body.lead as object), status: "qualified" } },
    });
    expect(await programState(database.db, [campaign.id])).toEqual(before);
  });
});
