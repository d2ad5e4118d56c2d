import { z } from "zod";
import { eventTypes } from "@/db/enums";
import type { EventType } from "@/db/schema";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import {
  envelopeComponentName,
  eventComponentSchemas,
  eventSchemaUrl,
  publishedQuerySchema,
  type JsonSchema,
} from "@/lib/events/published-schemas";
import { SAMPLE_EVENT_DATA, SAMPLE_EVENT_ID, SAMPLE_TIMESTAMP } from "@/lib/events/samples";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/errors/database-unavailable";
import { MAX_LIST_OFFSET } from "@/lib/tables/list-params";
import { buildEnvelope, toQueryString } from "@/lib/webhooks/payload";
import { apiExamples } from "./openapi-examples";
import * as s from "./schemas";

// The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.

/** A zod schema as a fragment of the document, whose dialect is the document's own. */
function json(schema: z.ZodType, io: "input" | "output" = "output") {
  const fragment = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  delete fragment.$schema;
  return fragment;
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const media = (schema: object, example?: unknown) => ({
  "application/json": { schema, ...(example === undefined ? {} : { example }) },
});
/** A media type with several examples, each `name: [summary, value]`. */
const mediaExamples = (schema: object, examples: Record<string, [string, unknown]>) => ({
  "application/json": {
    schema,
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, [summary, value]]) => [name, { summary, value }]),
    ),
  },
});
const ok = (description: string, schema: object, example: unknown) => ({
  description,
  content: media(schema, example),
});
const body = (schema: z.ZodType, examples: Record<string, [string, unknown]>) => ({
  required: true,
  content: mediaExamples(json(schema, "input"), examples),
});

/** The envelopes around the resources: every field always present, nothing else. */
const object = (properties: Record<string, object>) => ({
  type: "object",
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
const list = (item: string) => object({ data: { type: "array", items: ref(item) } });
const one = (item: string) => object({ data: ref(item) });
const changed = (item: string, unchanged: string) =>
  object({
    data: ref(item),
    changed: { type: "boolean", description: `False when ${unchanged}: nothing was written.` },
  });
const paged = (item: string) =>
  object({
    data: { type: "array", items: ref(item), maxItems: s.MAX_PER_PAGE },
    page: { type: "integer", minimum: 1, maximum: s.MAX_PAGE },
    per_page: { type: "integer", minimum: 1, maximum: s.MAX_PER_PAGE },
    total: { type: "integer", minimum: 0, description: "Every match for the filters, on all pages." },
    has_more: { type: "boolean" },
    next_cursor: {
      type: ["string", "null"],
      format: "uuid",
      description: "Pass as `starting_after` for the next page; null on the last page. Stable while rows are added.",
    },
  });

// Errors: one schema, `Error`; each response names the codes it can carry.
const error = (description: string, headers?: object) => ({
  description,
  content: media(ref("Error")),
  ...(headers ? { headers } : {}),
});
const retryAfter = (seconds: string) => ({
  "Retry-After": {
    description: `Seconds to wait before retrying (${seconds}).`,
    schema: { type: "integer", minimum: 1 },
  },
});
/** What any operation can answer: every one needs a key, counts against its limit and reads the database. */
const always = {
  "401": error("No valid API key (`unauthorized`)", {
    "WWW-Authenticate": { description: "Always `Bearer`.", schema: { type: "string", const: "Bearer" } },
  }),
  "429": error("Over 600 requests this minute for the key (`rate_limited`)", retryAfter("1 to 60")),
  "500": error("An unexpected error on Referwire's side (`internal_error`); retry later"),
  "503": error(
    "The database is unreachable for the moment (`service_unavailable`)",
    retryAfter(String(DATABASE_RETRY_AFTER_SECONDS)),
  ),
};
const notFound = (what: string) => ({ "404": error(`${what} not found, or not your team's (\`not_found\`)`) });
/** What an operation that reads a JSON body can answer besides. */
const bodyErrors = (invalid: string) => ({
  "400": error("The body is not JSON (`malformed_json`)"),
  "413": error("The body is over 64 KB (`payload_too_large`)"),
  "415": error("The body is not `application/json` (`unsupported_media_type`)"),
  "422": error(`A field is invalid or missing (\`validation_failed\`; \`details\` names each)${invalid}`),
});
/** What a paged list can answer besides. */
const pagingErrors = (rows: string) => ({
  "400": error(
    `Paged past row ${MAX_LIST_OFFSET.toLocaleString("en-US")} (\`page_too_deep\`); narrow the query with filters`,
  ),
  "422": error(
    `A query parameter is invalid, \`page\` came with \`starting_after\`, or \`starting_after\` is none of your ${rows} (\`validation_failed\`; \`details\` names it)`,
  ),
});

/** Query parameters from an object schema's JSON Schema properties. */
function queryParameters(schema: z.ZodObject) {
  const { properties = {}, required = [] } = json(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...schema }]) => ({
    name,
    in: "query",
    required: required.includes(name),
    ...(description ? { description } : {}),
    schema,
  }));
}
const pathParam = (name: string, what: string, example: string) => ({
  name,
  in: "path",
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: "string", format: "uuid" },
  example,
});

const TAGS = [
  { name: "Team", description: "The team your API key belongs to; every request acts on its data." },
  { name: "Campaigns", description: "The campaigns you set up in the dashboard, to read." },
  { name: "Users", description: "A campaign's referrers and the leads they bring in." },
  {
    name: "Qualifications",
    description: "Mark a lead qualified, which grants the rewards, or back to pending.",
  },
  { name: "Rewards", description: "What qualifications earned: due until you issue them." },
  {
    name: "Webhooks",
    description: "Subscribe a URL to an event and unsubscribe it (REST hooks, as Zapier and n8n use them).",
  },
  {
    name: "Events",
    description: "What Referwire sends to your webhook URLs: each event as a POST body or, for GET webhooks, a query.",
  },
] as const;
const tag = (name: (typeof TAGS)[number]["name"]) => [name];

// No license ships with Referwire: its API description is all rights reserved until one does.
const LICENSE = { name: "Proprietary", identifier: "LicenseRef-Proprietary" };

const DESCRIPTION = `Run a referral program from your own systems. Authenticate with \`Authorization: Bearer <API key>\`. This document is served without a key at \`/openapi.json\`.

Every answer is JSON, and every error has the \`Error\` shape: \`{ "error": { "code", "message", "details"? } }\`. A method that a path does not list answers \`405 method_not_allowed\` with an \`Allow\` header naming those it does; an unknown path answers \`404 not_found\`.

The server trims request strings before checking them.`;

export function openApiDocument(serverUrl: string) {
  const ex = apiExamples(serverUrl);
  return {
    openapi: "3.1.0",
    info: { title: "Referwire API", version: "1.0.0", description: DESCRIPTION, license: LICENSE },
    servers: [{ url: `${serverUrl}/api/v1`, description: "This installation" }],
    security: [{ bearer: [] }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "The team's API key (`rw_live_…`)." },
      },
      schemas: {
        Team: json(s.apiTeam),
        User: json(s.apiUser),
        Campaign: json(s.apiCampaign),
        Reward: json(s.apiReward),
        Subscription: json(s.apiSubscription),
        NewSubscription: json(s.apiNewSubscription),
        Error: json(s.apiError),
        ...eventComponentSchemas(eventTypes),
      },
    },
    webhooks: Object.fromEntries(eventTypes.map((type) => [type, outboundEvent(serverUrl, type)])),
    paths: withIdempotencyKeys({
      "/team": {
        get: {
          operationId: "getTeam",
          summary: "Get the key's team",
          description:
            "Which team this API key belongs to. Writes made with the key appear in that team's audit log as the key.",
          tags: tag("Team"),
          responses: { "200": ok("The API key's team", one("Team"), ex.team), ...always },
        },
      },
      "/campaigns": {
        get: {
          operationId: "listCampaigns",
          summary: "List campaigns",
          tags: tag("Campaigns"),
          responses: {
            "200": ok("Every campaign of the team, newest first", list("Campaign"), ex.campaigns),
            ...always,
          },
        },
      },
      "/campaigns/{campaignId}": {
        get: {
          operationId: "getCampaign",
          summary: "Get a campaign",
          tags: tag("Campaigns"),
          parameters: [pathParam("campaignId", "campaign", ex.campaign.data.id)],
          responses: { "200": ok("The campaign", one("Campaign"), ex.campaign), ...notFound("Campaign"), ...always },
        },
      },
      "/users": {
        get: {
          operationId: "listUsers",
          summary: "List referrers and leads",
          tags: tag("Users"),
          parameters: queryParameters(s.listUsersQuery),
          responses: {
            "200": ok("A page of users, newest first", paged("User"), ex.users),
            ...pagingErrors("users"),
            ...always,
          },
        },
        post: {
          operationId: "createUser",
          summary: "Create a referrer or a lead (source API); fires user.joined and referrer.joined or lead.created",
          tags: tag("Users"),
          requestBody: body(s.createUserBody, {
            referrer: ["A referrer", ex.createUser.referrer.request],
            lead: ["A lead, with their referrer's code", ex.createUser.lead.request],
          }),
          responses: {
            "201": {
              description: "Created",
              content: mediaExamples(one("User"), {
                referrer: ["A referrer", ex.createUser.referrer.response],
                lead: ["A lead", ex.createUser.lead.response],
              }),
            },
            ...notFound("Campaign"),
            "409": error("The email is already in the campaign (`conflict`)"),
            ...bodyErrors("; or the referrer is no referrer of the campaign"),
            ...always,
          },
        },
      },
      "/users/{userId}": {
        get: {
          operationId: "getUser",
          summary: "Get a user",
          tags: tag("Users"),
          parameters: [pathParam("userId", "user", ex.user.data.id)],
          responses: { "200": ok("The user", one("User"), ex.user), ...notFound("User"), ...always },
        },
        delete: {
          operationId: "deleteUser",
          summary: "Delete a user; fires user.deleted, keeps their rewards without them",
          tags: tag("Users"),
          parameters: [pathParam("userId", "user", ex.user.data.id)],
          responses: { "204": { description: "Deleted" }, ...notFound("User"), ...always },
        },
      },
      "/qualifications": {
        post: {
          operationId: "setQualification",
          summary: "Qualify or unqualify a lead by id, referral code, or email + campaign; idempotent",
          tags: tag("Qualifications"),
          requestBody: body(s.qualificationBody, {
            byId: ["Qualify a lead by id", ex.qualification.request.byId],
            byReferralCode: ["Qualify a lead by referral code", ex.qualification.request.byReferralCode],
            byEmail: ["Unqualify a lead by email and campaign", ex.qualification.request.byEmail],
          }),
          responses: {
            "200": ok("The lead as it is now", changed("User", "the lead was already so"), ex.qualification.response),
            ...notFound("Lead"),
            ...bodyErrors("; or the user named is a referrer, not a lead"),
            ...always,
          },
        },
      },
      "/rewards": {
        get: {
          operationId: "listRewards",
          summary: "List rewards",
          tags: tag("Rewards"),
          parameters: queryParameters(s.listRewardsQuery),
          responses: {
            "200": ok("A page of rewards, newest first", paged("Reward"), ex.rewards),
            ...pagingErrors("rewards"),
            ...always,
          },
        },
      },
      "/rewards/{rewardId}/issue": {
        post: {
          operationId: "issueReward",
          summary: "Issue a due reward; fires reward.issued",
          tags: tag("Rewards"),
          parameters: [pathParam("rewardId", "reward", ex.issuedReward.data.id)],
          responses: {
            "200": ok("The reward, issued", changed("Reward", "it was already issued"), ex.issuedReward),
            ...notFound("Reward"),
            "409": error("The reward is due but its recipient was deleted (`conflict`)"),
            ...always,
          },
        },
      },
      "/webhooks": {
        get: {
          operationId: "listSubscriptions",
          summary: "List webhook subscriptions",
          tags: tag("Webhooks"),
          parameters: [
            {
              name: "campaign_id",
              in: "query",
              required: false,
              description: "Only this campaign's webhooks.",
              schema: { type: "string", format: "uuid" },
            },
          ],
          responses: {
            "200": ok(
              "Every webhook of the team, oldest first, without signing secrets",
              list("Subscription"),
              ex.subscriptions,
            ),
            "422": error("`campaign_id` is not a UUID (`validation_failed`; `details` says so)"),
            ...always,
          },
        },
        post: {
          operationId: "subscribe",
          summary: "Subscribe a URL to an event (REST hooks); returns its signing secret once",
          tags: tag("Webhooks"),
          requestBody: body(s.createSubscriptionBody, {
            zapier: ["A Zapier trigger's URL", ex.subscribe.request],
          }),
          responses: {
            "201": ok("Created, with its signing secret", one("NewSubscription"), ex.subscribe.response),
            ...notFound("Campaign"),
            ...bodyErrors("; or the URL's host is not allowed (`details.url` says why)"),
            ...always,
          },
        },
      },
      "/webhooks/{webhookId}": {
        delete: {
          operationId: "unsubscribe",
          summary: "Unsubscribe",
          tags: tag("Webhooks"),
          parameters: [pathParam("webhookId", "webhook", ex.subscribe.response.data.id)],
          responses: { "204": { description: "Deleted" }, ...notFound("Webhook"), ...always },
        },
      },
    }),
  };
}

const delivered = {
  "2XX": { description: "Any 2xx answer within 15 s marks the delivery delivered." },
  default: {
    description:
      "Anything else (or no answer) is retried on the schedule in docs/webhooks.md; 410 Gone disables the webhook.",
  },
};

/**
 * An outbound event as the OpenAPI `webhooks` describe it: the JSON body of a POST, PUT or PATCH
 * webhook, and the query of a GET one, each signed with the Standard Webhooks headers.
 */
function outboundEvent(appUrl: string, type: EventType) {
  const { label, description } = EVENT_CATALOGUE[type];
  const sample = buildEnvelope({
    id: SAMPLE_EVENT_ID,
    type,
    timestamp: SAMPLE_TIMESTAMP,
    data: SAMPLE_EVENT_DATA[type],
  });
  const sampleQuery = new URLSearchParams(toQueryString(sample));
  const query = publishedQuerySchema(appUrl, type);
  const required = (query.required ?? []) as string[];
  const parameters = Object.entries(query.properties as Record<string, JsonSchema>).map(
    ([name, { description: about, ...schema }]) => ({
      name,
      in: "query",
      required: required.includes(name),
      ...(about ? { description: about } : {}),
      schema,
      ...(sampleQuery.has(name) ? { example: sampleQuery.get(name) } : {}),
    }),
  );
  const signed =
    "Signed with the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers (Standard Webhooks).";
  return {
    post: {
      operationId: `${envelopeComponentName(type)}Body`,
      summary: label,
      description: `${description} ${signed} PUT and PATCH webhooks send the same body. JSON Schema: ${eventSchemaUrl(appUrl, type, "body")}`,
      tags: tag("Events"),
      requestBody: { required: true, content: media(ref(envelopeComponentName(type)), sample) },
      responses: delivered,
    },
    get: {
      operationId: `${envelopeComponentName(type)}Query`,
      summary: `${label} (GET webhook)`,
      description: `${description} The envelope flattened into query parameters after any of the webhook URL's own; credentials arrive as \`data.credentials.<name>\`. ${signed} JSON Schema: ${eventSchemaUrl(appUrl, type, "query")}`,
      tags: tag("Events"),
      parameters,
      responses: delivered,
    },
  };
}

/**
 * Every POST and DELETE takes an `Idempotency-Key` (lib/api/idempotency.ts): the parameter, the
 * replay header and the two refusals, added to each write so none can be forgotten.
 */
function withIdempotencyKeys<T extends Record<string, Record<string, { parameters?: object[]; responses: object }>>>(
  paths: T,
): T {
  const parameter = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Makes the write safe to retry: within 24 hours the same key and request get the first answer again (with `Idempotent-Replayed: true`) instead of running twice. 1–255 visible ASCII characters, e.g. a UUID.",
    schema: { type: "string", pattern: "^[!-~]{1,255}$" },
    example: "4f9a2c1e-7b3d-4e8f-a6c5-0d1b2e3f4a5b",
  };
  for (const item of Object.values(paths)) {
    for (const method of ["post", "delete"] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), parameter];
      const responses = operation.responses as Record<string, { description: string }>;
      const also = (status: string, what: string) =>
        responses[status]
          ? { ...responses[status], description: `${responses[status].description}; or ${what}` }
          : error(what[0]!.toUpperCase() + what.slice(1));
      operation.responses = {
        ...responses,
        "400": also("400", "an Idempotency-Key that is not 1–255 visible ASCII characters (`invalid_idempotency_key`)"),
        "409": also("409", "an Idempotency-Key already used for a different request (`idempotency_key_reused`)"),
        // With a key the body is read (to recognise the same request) even where the write takes none.
        "413": responses["413"] ?? error("A body over 64 KB sent with an Idempotency-Key (`payload_too_large`)"),
      };
    }
  }
  return paths;
}
