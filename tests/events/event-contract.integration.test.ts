import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEventSchema } from "@/app/schemas/events/[file]/route";
import { eventTypes } from "@/db/enums";
import { outboxEvents, type EventType } from "@/db/schema";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { fanOutEvent } from "@/inngest/fan-out-event";
import { openApiDocument } from "@/lib/api/openapi";
import { envelopeComponentName } from "@/lib/events/published-schemas";
import { SAMPLE_EVENT_DATA, SAMPLE_EVENT_ID, SAMPLE_TIMESTAMP } from "@/lib/events/samples";
import { deleteParticipant } from "@/lib/participants/delete-participant";
import { qualifyLead } from "@/lib/participants/qualify-lead";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { buildEnvelope } from "@/lib/webhooks/payload";
import { createLead, createReferrer, createTeam, createTestCampaign } from "../helpers/fixtures";
import { mockSendEvent, runInngestFunction, sentEvents } from "../helpers/inngest";
import { startReceiver, type Received } from "../helpers/receiver";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver?.close());

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** The schema as an integrator gets it: from its public URL (the route handler). */
async function published(file: string) {
  const response = await getEventSchema(new Request(`http://localhost:3000/schemas/events/${file}`), {
    params: Promise.resolve({ file }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { $id: string };
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
async function validatorFor(file: string) {
  if (!validators.has(file)) validators.set(file, ajv.compile(await published(file)));
  return validators.get(file)!;
}
function problems(validate: ReturnType<typeof ajv.compile>, value: unknown) {
  return validate(value) ? null : ajv.errorsText(validate.errors, { separator: "\n" });
}

const openApi = new Ajv2020({ strict: false, allErrors: true });
addFormats(openApi);
openApi.addSchema(openApiDocument("http://localhost:3000"), "openapi");

/** Every event of the campaign, fanned out and delivered to the loopback receiver, in order. */
async function deliverAll(campaignId: string) {
  const events = await database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.campaignId, campaignId))
    .orderBy(asc(outboxEvents.createdAt));
  for (const event of events) {
    const fanOut = await runInngestFunction(
      fanOutEvent,
      { id: event.id, name: "referwire/event.recorded", data: { eventId: event.id, campaignId, type: event.type } },
      [mockSendEvent("dispatch-0")],
    );
    expect(fanOut.error).toBeUndefined();
    for (const request of sentEvents(fanOut.ctx)) {
      const run = await runInngestFunction(deliverWebhook, request);
      expect(run.result).toMatchObject({ status: "delivered" });
    }
  }
  return events.map((e) => e.type);
}

describe(`the published event contract matches real deliveries (${databaseKind()})`, () => {
  let deliveredTypes: EventType[] = [];
  let posts: Received[] = [];
  let gets: Received[] = [];

  beforeAll(async () => {
    // A campaign that issues rewards at once, to both sides, so one flow fires every event type.
    const team = await createTeam(database.db);
    const campaign = await createTestCampaign(team, { autoIssueRewards: true, leadReward: "10% off" });
    for (const event of eventTypes) {
      const base = { name: `${event} POST`, url: `${receiver.url}?via=post`, event };
      const withCredentials = { credentials: [{ key: "account", value: "acme-1" }] };
      for (const input of [
        { ...base, method: "POST" as const, ...withCredentials },
        { ...base, name: `${event} GET`, url: `${receiver.url}?via=get&list=a`, method: "GET" as const },
      ]) {
        const created = await createWebhook(team, campaign.id, input);
        if (!created.ok) throw new Error(created.message);
      }
    }
    const referrer = await createReferrer(database.db, campaign.id);
    const lead = await createLead(database.db, referrer.referralCode);
    const qualified = await qualifyLead(team, { id: lead.id });
    if (!qualified.ok) throw new Error(qualified.message);
    const deleted = await deleteParticipant(team, lead.id);
    if (!deleted.ok) throw new Error(deleted.message);
    deliveredTypes = (await deliverAll(campaign.id)) as EventType[];
    posts = receiver.received.filter((r) => r.url.includes("via=post"));
    gets = receiver.received.filter((r) => r.url.includes("via=get"));
  });

  it("the flow delivered every event type, as JSON and as a query", () => {
    expect(new Set(deliveredTypes)).toEqual(new Set(eventTypes));
    const typeOf = (r: Received) => (JSON.parse(r.body) as { type: string }).type;
    expect(new Set(posts.map(typeOf))).toEqual(new Set(eventTypes));
    expect(new Set(gets.map((r) => new URL(r.url, "http://x").searchParams.get("type")))).toEqual(new Set(eventTypes));
  });

  it("every delivered body validates against its type's published JSON Schema and the OpenAPI webhooks", async () => {
    for (const post of posts) {
      const body = JSON.parse(post.body) as { type: EventType };
      expect(problems(await validatorFor(`${body.type}.json`), body), `${body.type} body`).toBeNull();
      const fromOpenApi = openApi.getSchema(`openapi#/components/schemas/${envelopeComponentName(body.type)}`)!;
      expect(problems(fromOpenApi, body), `${body.type} against the OpenAPI document`).toBeNull();
    }
  });

  it("every GET query (after the webhook URL's own parameters) validates against the published query schema", async () => {
    for (const get of gets) {
      const params = new URL(get.url, "http://x").searchParams;
      const appended = Object.fromEntries([...params].filter(([name]) => name !== "via" && name !== "list"));
      const type = appended.type as EventType;
      expect(problems(await validatorFor(`${type}.query.json`), appended), `${type} query`).toBeNull();
    }
  });

  it("the schemas are strict: a changed or extra field is refused", async () => {
    const body = JSON.parse(posts.find((p) => p.body.includes('"lead.qualified"'))!.body) as Record<string, unknown>;
    const validate = await validatorFor("lead.qualified.json");
    expect(problems(validate, { ...body, extra: 1 })).toMatch(/additional/);
    const data = body.data as { user: Record<string, unknown> };
    expect(problems(validate, { ...body, data: { ...data, user: { ...data.user, status: "maybe" } } })).not.toBeNull();
  });

  it("the catalogue's examples (the modal's preview data) validate too", async () => {
    for (const type of eventTypes) {
      const example = buildEnvelope({
        id: SAMPLE_EVENT_ID,
        type,
        timestamp: SAMPLE_TIMESTAMP,
        data: SAMPLE_EVENT_DATA[type],
      });
      expect(problems(await validatorFor(`${type}.json`), example), type).toBeNull();
    }
  });

  it("an unknown event type's schema is a 404 naming the types", async () => {
    const response = await getEventSchema(new Request("http://localhost:3000/schemas/events/lead.lost.json"), {
      params: Promise.resolve({ file: "lead.lost.json" }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("lead.qualified") } });
  });
});
