import { afterEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { selectRows } from "@/db/client";
import { outboxEvents, participants, rewards } from "@/db/schema";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { fanOutEvent } from "@/inngest/fan-out-event";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import type { CampaignInput } from "@/lib/campaigns/schemas";
import { leadFingerprint } from "@/lib/rewards/plan-reward-grants";
import { listRewards } from "@/lib/rewards/list-rewards";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { callApi } from "../helpers/api";
import { createTeam, createTestCampaign, uniqueEmail } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { startReceiver } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { contractErrors, recordResponse, recorded } from "./contract";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const api = async (...args: Parameters<typeof callApi>) => recordResponse(await callApi(...args));

type ApiUser = { id: string; email: string; first_name: string; referral_code: string };

/** A team, an API key and a campaign, with people added through the API like an integration would. */
async function program(overrides: Partial<CampaignInput> = {}) {
  const team = await createTeam(database.db);
  const campaign = await createTestCampaign(team, overrides);
  const generated = await generateApiKey(team);
  if (!generated.ok) throw new Error("no key");
  const key = generated.value.key;
  const add = async (
    type: "referrer" | "lead",
    firstName: string,
    options: { email?: string; referrer?: string } = {},
  ): Promise<ApiUser> => {
    const body = {
      campaign_id: campaign.id,
      type,
      first_name: firstName,
      email: options.email ?? uniqueEmail(firstName.toLowerCase()),
      referrer: options.referrer,
    };
    const created = await api("POST", "/users", { key, body });
    expect(created.status).toBe(201);
    return created.json!.data as ApiUser;
  };
  const qualify = async (lead: ApiUser) =>
    expect(await api("POST", "/qualifications", { key, body: { id: lead.id, qualified: true } })).toMatchObject({
      status: 200,
      json: { changed: true },
    });
  return { team, campaign, key, add, qualify };
}

const rewardsOf = (campaignId: string) =>
  database.db
    .select()
    .from(rewards)
    .where(eq(rewards.campaignId, campaignId))
    .orderBy(rewards.createdAt, rewards.grantKey);
const eventsOf = (campaignId: string, type: string) =>
  database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.campaignId, campaignId), sql`${outboxEvents.type} = ${type}`));
const userExists = async (id: string) =>
  (await database.db.select({ id: participants.id }).from(participants).where(eq(participants.id, id))).length === 1;

describe(`deleting a person (${databaseKind()})`, () => {
  it("keeps their issued and due rewards, without a recipient and without their name or email", async () => {
    const { team, campaign, key, add, qualify } = await program({ leadReward: "10% off" });
    const referrer = await add("referrer", "Quintessa");
    const first = await add("lead", "Bartholomew", { referrer: referrer.referral_code });
    const second = await add("lead", "Leocadia", { referrer: referrer.id });
    await qualify(first);
    await qualify(second);
    const earned = await rewardsOf(campaign.id);
    expect(earned).toHaveLength(4);
    // Lead rewards are keyed by the fingerprint that migration 0006 computes in SQL.
    const [{ fingerprint }] = (await selectRows<{ fingerprint: string }>(
      database.db,
      sql`select encode(sha256(convert_to(${campaign.id} || ':' || ${first.email}, 'UTF8')), 'hex') as fingerprint`,
    )) as [{ fingerprint: string }];
    expect(leadFingerprint(campaign.id, first.email)).toBe(fingerprint);
    expect(earned.map((r) => r.grantKey).sort()).toEqual(
      [
        `lead:${fingerprint}:referrer`,
        `lead:${fingerprint}:lead`,
        `lead:${leadFingerprint(campaign.id, second.email)}:referrer`,
        `lead:${leadFingerprint(campaign.id, second.email)}:lead`,
      ].sort(),
    );
    const toIssue = earned.find((r) => r.recipientId === referrer.id && r.leadId === first.id)!;
    expect((await api("POST", `/rewards/${toIssue.id}/issue`, { key })).status).toBe(200);
    const before = await rewardsOf(campaign.id);

    expect((await api("DELETE", `/users/${referrer.id}`, { key })).status).toBe(204);
    expect((await api("GET", `/users/${referrer.id}`, { key })).status).toBe(404);
    const after = await rewardsOf(campaign.id);
    expect(after).toEqual(before.map((r) => (r.recipientId === referrer.id ? { ...r, recipientId: null } : r)));
    expect(
      after
        .filter((r) => r.recipientId === null)
        .map((r) => r.status)
        .sort(),
    ).toEqual(["due", "issued"]);
    // The leads stay, without a referrer.
    expect((await api("GET", `/users/${first.id}`, { key })).json!.data).toMatchObject({
      id: first.id,
      referrer_id: null,
      status: "qualified",
    });

    const listed = await api("GET", `/rewards?campaign_id=${campaign.id}`, { key });
    expect(listed.json!.data.filter((r: { recipient_id: string | null }) => r.recipient_id === null)).toHaveLength(2);
    const dashboard = await listRewards(team, campaign.id, { page: 1, pageSize: 25 });
    expect(dashboard.rows.filter((r) => r.recipient === null)).toHaveLength(2);
    for (const shown of [JSON.stringify(after), JSON.stringify(listed.json), JSON.stringify(dashboard.rows)]) {
      expect(shown).not.toContain(referrer.email);
      expect(shown).not.toContain(referrer.first_name);
    }

    // A due reward whose recipient was deleted cannot be issued: nobody is there to receive it.
    const orphan = after.find((r) => r.recipientId === null && r.status === "due")!;
    const issuedBefore = (await eventsOf(campaign.id, "reward.issued")).length;
    expect(await api("POST", `/rewards/${orphan.id}/issue`, { key })).toMatchObject({
      status: 409,
      json: { error: { code: "conflict" } },
    });
    expect((await rewardsOf(campaign.id)).find((r) => r.id === orphan.id)).toMatchObject({
      status: "due",
      issuedAt: null,
    });
    expect(await eventsOf(campaign.id, "reward.issued")).toHaveLength(issuedBefore);

    // Deleting a lead keeps its own reward and the one it earned, without naming it.
    expect((await api("DELETE", `/users/${first.id}`, { key })).status).toBe(204);
    const final = await rewardsOf(campaign.id);
    expect(final).toHaveLength(4);
    expect(final.filter((r) => r.grantKey.startsWith(`lead:${fingerprint}:`))).toMatchObject([
      { recipientId: null, leadId: null },
      { recipientId: null, leadId: null },
    ]);
    const shownAfterLead = JSON.stringify((await api("GET", `/rewards?campaign_id=${campaign.id}`, { key })).json);
    expect(shownAfterLead).not.toContain(first.email);
    expect(JSON.stringify((await listRewards(team, campaign.id, { page: 1, pageSize: 25 })).rows)).not.toContain(
      first.first_name,
    );
  });

  it("writes user.deleted with the delete and delivers it to a URL subscribed to it through the API", async () => {
    receiver = await startReceiver([{ status: 200, body: "removed" }]);
    const { team, campaign, key, add } = await program();
    const referrer = await add("referrer", "Ada");
    const lead = await add("lead", "Lin", { referrer: referrer.referral_code });
    const subscribed = await api("POST", "/webhooks", {
      key,
      body: { campaign_id: campaign.id, url: receiver.url, event: "user.deleted", sources: ["API"] },
    });
    expect(subscribed).toMatchObject({
      status: 201,
      json: { data: { event: "user.deleted", name: "API: Fire when a user (Referrer or Lead) is deleted" } },
    });
    const otherEvent = await createWebhook(team, campaign.id, {
      name: "Joins",
      url: receiver.url,
      event: "lead.created",
    });
    expect(otherEvent.ok).toBe(true);

    expect((await api("DELETE", `/users/${lead.id}`, { key })).status).toBe(204);
    const [event, ...others] = await eventsOf(campaign.id, "user.deleted");
    expect(others).toHaveLength(0);
    expect(event!.data).toMatchObject({
      user: { id: lead.id, type: "lead", email: lead.email, first_name: "Lin", source: "API", status: "pending" },
      campaign: { id: campaign.id, name: campaign.name },
      referrer: { id: referrer.id, email: referrer.email },
    });

    const fanOut = await runInngestFunction(
      fanOutEvent,
      {
        id: event!.id,
        name: "referwire/event.recorded",
        data: { eventId: event!.id, campaignId: campaign.id, type: "user.deleted" },
      },
      [mockSendEvent("dispatch-0")],
    );
    expect(fanOut.error).toBeUndefined();
    const requests = sentEvents(fanOut.ctx);
    expect(requests).toHaveLength(1);
    expect((await runInngestFunction(deliverWebhook, requests[0]!)).result).toEqual({
      status: "delivered",
      attempts: 1,
    });

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verified = new StandardWebhook(subscribed.json!.data.signing_secret).verify(
      request!.body,
      request!.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      type: "user.deleted",
      data: { user: { id: lead.id, email: lead.email }, referrer: { id: referrer.id } },
    });
  });

  it("a delete that fails writes no event, and an event that cannot be written undoes the delete", async () => {
    const { campaign, key, add, qualify } = await program();
    const referrer = await add("referrer", "Ada");
    const lead = await add("lead", "Lin", { referrer: referrer.id });
    await qualify(lead);
    const rewardsBefore = await rewardsOf(campaign.id);
    expect(rewardsBefore).toMatchObject([{ recipientId: referrer.id, leadId: lead.id }]);

    // The database refuses the event: the delete rolls back with it.
    await database.db.execute(
      sql.raw(`
      create function refuse_test_event() returns trigger language plpgsql as $$
      begin
        if new.type = 'user.deleted' and new.data->'user'->>'id' = '${referrer.id}' then raise exception 'test: outbox refused'; end if;
        return new;
      end $$`),
    );
    await database.db.execute(
      sql`create trigger refuse_test_event before insert on outbox_events for each row execute function refuse_test_event()`,
    );
    // The database refuses the delete: no event is written.
    await database.db.execute(
      sql.raw(`
      create function refuse_test_delete() returns trigger language plpgsql as $$
      begin
        if old.id = '${lead.id}' then raise exception 'test: delete refused'; end if;
        return old;
      end $$`),
    );
    await database.db.execute(
      sql`create trigger refuse_test_delete before delete on participants for each row execute function refuse_test_delete()`,
    );
    try {
      expect(await callApi("DELETE", `/users/${referrer.id}`, { key })).toMatchObject({
        status: 500,
        json: { error: { code: "internal_error" } },
      });
      expect(await callApi("DELETE", `/users/${lead.id}`, { key })).toMatchObject({
        status: 500,
        json: { error: { code: "internal_error" } },
      });
    } finally {
      await database.db.execute(sql`drop trigger refuse_test_event on outbox_events`);
      await database.db.execute(sql`drop trigger refuse_test_delete on participants`);
      await database.db.execute(sql`drop function refuse_test_event()`);
      await database.db.execute(sql`drop function refuse_test_delete()`);
    }
    expect(await userExists(referrer.id)).toBe(true);
    expect(await userExists(lead.id)).toBe(true);
    expect(await rewardsOf(campaign.id)).toEqual(rewardsBefore);
    expect(await eventsOf(campaign.id, "user.deleted")).toHaveLength(0);

    // Another team's key finds nobody, and nothing changes.
    const other = await program();
    for (const id of [referrer.id, lead.id, "not-a-uuid"]) {
      expect(await api("DELETE", `/users/${id}`, { key: other.key })).toMatchObject({
        status: 404,
        json: { error: { code: "not_found" } },
      });
    }
    expect(await userExists(referrer.id)).toBe(true);
    expect(await userExists(lead.id)).toBe(true);
    expect(await rewardsOf(campaign.id)).toEqual(rewardsBefore);
    expect(await eventsOf(campaign.id, "user.deleted")).toHaveLength(0);
    expect(await eventsOf(other.campaign.id, "user.deleted")).toHaveLength(0);
  });

  it("a lead deleted and added again with the same email earns nothing twice (one reward per lead)", async () => {
    const { team, campaign, key, add, qualify } = await program({ leadReward: "10% off", autoIssueRewards: true });
    const referrer = await add("referrer", "Ada");
    const otherReferrer = await add("referrer", "Grace");
    const email = uniqueEmail("returning");
    const lead = await add("lead", "Lin", { email, referrer: referrer.referral_code });
    await qualify(lead);
    const granted = await rewardsOf(campaign.id);
    expect(granted.map((r) => r.recipientId).sort()).toEqual([lead.id, referrer.id].sort());

    // Added again through the API under the same referrer, qualified through the API.
    expect((await api("DELETE", `/users/${lead.id}`, { key })).status).toBe(204);
    const again = await add("lead", "Lin", { email: email.toUpperCase(), referrer: referrer.id });
    expect(again.id).not.toBe(lead.id);
    await qualify(again);
    // Added again under another referrer, qualified from the dashboard.
    expect((await api("DELETE", `/users/${again.id}`, { key })).status).toBe(204);
    const third = await add("lead", "Lin", { email, referrer: otherReferrer.referral_code });
    const dashboard = await qualifyLead(team, { id: third.id });
    expect(dashboard).toMatchObject({ ok: true, value: { changed: true } });

    expect(await rewardsOf(campaign.id)).toHaveLength(2);
    expect((await rewardsOf(campaign.id)).filter((r) => r.recipientId === otherReferrer.id)).toHaveLength(0);
    expect(await eventsOf(campaign.id, "lead.qualified")).toHaveLength(3);
    expect(await eventsOf(campaign.id, "reward.issued")).toHaveLength(2);
  });

  it("replacing a deleted qualified lead reaches no every-N milestone twice", async () => {
    const { campaign, key, add, qualify } = await program({ rewardMode: "every_n", rewardEveryN: 2 });
    const referrer = await add("referrer", "Ada");
    const a = await add("lead", "Avery", { referrer: referrer.id });
    const b = await add("lead", "Blake", { referrer: referrer.id });
    await qualify(a);
    await qualify(b);
    expect((await rewardsOf(campaign.id)).map((r) => r.grantKey)).toEqual([`referrer:${referrer.id}:milestone:1`]);

    expect((await api("DELETE", `/users/${a.id}`, { key })).status).toBe(204);
    await qualify(await add("lead", "Avery", { email: a.email, referrer: referrer.id }));
    expect(await rewardsOf(campaign.id)).toHaveLength(1);

    // The count goes on from there: the next milestone is still earned.
    await qualify(await add("lead", "Casey", { referrer: referrer.id }));
    expect(await rewardsOf(campaign.id)).toHaveLength(1);
    await qualify(await add("lead", "Devon", { referrer: referrer.id }));
    expect((await rewardsOf(campaign.id)).map((r) => r.grantKey)).toEqual([
      `referrer:${referrer.id}:milestone:1`,
      `referrer:${referrer.id}:milestone:2`,
    ]);
  });
});

describe("the OpenAPI contract", () => {
  it("every response above validates against the document", () => {
    expect(recorded.length).toBeGreaterThan(30);
    expect(recorded.map(contractErrors).filter(Boolean)).toEqual([]);
  });
});
