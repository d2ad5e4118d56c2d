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
import { MAX_LIST_OFFSET } from "@/lib/tables/list-params";
import * as s from "./schemas";

// The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.

const json = (schema: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: object) => ({ "application/json": { schema } });
const ok = (schema: object, description = "OK") => ({ description, content: content(schema) });
const error = (description: string) => ({ description, content: content(ref("Error")) });
const errors = {
  "401": error("Missing or invalid API key"),
  "429": {
    ...error("Rate limited (600 requests a minute per key)"),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
  "503": {
    ...error("The database is unreachable for the moment; retry after Retry-After seconds"),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};
const bodyErrors = {
  "400": error("Malformed JSON"),
  "413": error("Body over 64 KB"),
  "415": error("Not application/json"),
  "422": error("Invalid fields; `details` names each"),
};
const list = (item: string) => ({
  type: "object",
  required: ["data"],
  properties: { data: { type: "array", items: ref(item) } },
});
const one = (item: string, extra: object = {}) => ({
  type: "object",
  required: ["data"],
  properties: { data: ref(item), ...extra },
});
const tooDeep = {
  "400": error(
    `Paged past row ${MAX_LIST_OFFSET.toLocaleString("en-US")} (\`page_too_deep\`); narrow the query with filters`,
  ),
};
const paged = (item: string) => ({
  type: "object",
  required: ["data", "page", "per_page", "total", "has_more", "next_cursor"],
  properties: {
    data: { type: "array", items: ref(item) },
    page: { type: "integer" },
    per_page: { type: "integer" },
    total: { type: "integer" },
    has_more: { type: "boolean" },
    next_cursor: {
      type: ["string", "null"],
      description: "Pass as `starting_after` for the next page; null on the last page. Stable while rows are added.",
    },
  },
});

/** Query parameters from an object schema's JSON Schema properties. */
function queryParameters(schema: z.ZodObject) {
  const { properties = {}, required = [] } = json(schema, "input") as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema,
  }));
}
const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Referwire API",
      version: "1.0.0",
      description: "Run a referral program from your own systems. Authenticate with `Authorization: Bearer <API key>`.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
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
      "/campaigns": {
        get: {
          operationId: "listCampaigns",
          summary: "List campaigns",
          responses: { "200": ok(list("Campaign")), ...errors },
        },
      },
      "/campaigns/{campaignId}": {
        get: {
          operationId: "getCampaign",
          summary: "Get a campaign",
          parameters: [pathParam("campaignId")],
          responses: { "200": ok(one("Campaign")), "404": error("Not found"), ...errors },
        },
      },
      "/users": {
        get: {
          operationId: "listUsers",
          summary: "List referrers and leads",
          parameters: queryParameters(s.listUsersQuery),
          responses: { "200": ok(paged("User")), ...tooDeep, "422": error("Invalid query"), ...errors },
        },
        post: {
          operationId: "createUser",
          summary: "Create a referrer or a lead (source API); fires user.joined and referrer.joined or lead.created",
          requestBody: { required: true, content: content(json(s.createUserBody, "input")) },
          responses: {
            "201": ok(one("User"), "Created"),
            "404": error("Campaign not found"),
            "409": error("Email already in the campaign"),
            ...bodyErrors,
            ...errors,
          },
        },
      },
      "/users/{userId}": {
        get: {
          operationId: "getUser",
          summary: "Get a user",
          parameters: [pathParam("userId")],
          responses: { "200": ok(one("User")), "404": error("Not found"), ...errors },
        },
        delete: {
          operationId: "deleteUser",
          summary: "Delete a user; fires user.deleted, keeps their rewards without them",
          parameters: [pathParam("userId")],
          responses: { "204": { description: "Deleted" }, "404": error("Not found"), ...errors },
        },
      },
      "/qualifications": {
        post: {
          operationId: "setQualification",
          summary: "Qualify or unqualify a lead by id, referral code, or email + campaign; idempotent",
          requestBody: { required: true, content: content(json(s.qualificationBody, "input")) },
          responses: {
            "200": ok(one("User", { changed: { type: "boolean" } })),
            "404": error("Lead not found"),
            ...bodyErrors,
            ...errors,
          },
        },
      },
      "/rewards": {
        get: {
          operationId: "listRewards",
          summary: "List rewards",
          parameters: queryParameters(s.listRewardsQuery),
          responses: { "200": ok(paged("Reward")), ...tooDeep, "422": error("Invalid query"), ...errors },
        },
      },
      "/rewards/{rewardId}/issue": {
        post: {
          operationId: "issueReward",
          summary: "Issue a due reward; fires reward.issued",
          parameters: [pathParam("rewardId")],
          responses: {
            "200": ok(one("Reward", { changed: { type: "boolean" } })),
            "404": error("Not found"),
            "409": error("The reward is due but its recipient was deleted"),
            ...errors,
          },
        },
      },
      "/webhooks": {
        get: {
          operationId: "listSubscriptions",
          summary: "List webhook subscriptions",
          parameters: [
            { name: "campaign_id", in: "query", required: false, schema: { type: "string", format: "uuid" } },
          ],
          responses: {
            "200": ok(list("Subscription")),
            "422": error("campaign_id is not a UUID; `details` says so"),
            ...errors,
          },
        },
        post: {
          operationId: "subscribe",
          summary: "Subscribe a URL to an event (REST hooks); returns its signing secret once",
          requestBody: { required: true, content: content(json(s.createSubscriptionBody, "input")) },
          responses: {
            "201": ok(one("NewSubscription"), "Created"),
            "404": error("Campaign not found"),
            ...bodyErrors,
            ...errors,
          },
        },
      },
      "/webhooks/{webhookId}": {
        delete: {
          operationId: "unsubscribe",
          summary: "Unsubscribe",
          parameters: [pathParam("webhookId")],
          responses: { "204": { description: "Deleted" }, "404": error("Not found"), ...errors },
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
  const query = publishedQuerySchema(appUrl, type);
  const required = (query.required ?? []) as string[];
  const parameters = Object.entries(query.properties as Record<string, JsonSchema>).map(
    ([name, { description: about, ...schema }]) => ({
      name,
      in: "query",
      required: required.includes(name),
      ...(about ? { description: about } : {}),
      schema,
    }),
  );
  const signed =
    "Signed with the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers (Standard Webhooks).";
  return {
    post: {
      operationId: `${envelopeComponentName(type)}Body`,
      summary: label,
      description: `${description} ${signed} PUT and PATCH webhooks send the same body. JSON Schema: ${eventSchemaUrl(appUrl, type, "body")}`,
      requestBody: { required: true, content: content(ref(envelopeComponentName(type))) },
      responses: delivered,
    },
    get: {
      operationId: `${envelopeComponentName(type)}Query`,
      summary: `${label} (GET webhook)`,
      description: `${description} The envelope flattened into query parameters after any of the webhook URL's own; credentials arrive as \`data.credentials.<name>\`. ${signed} JSON Schema: ${eventSchemaUrl(appUrl, type, "query")}`,
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
    schema: { type: "string", minLength: 1, maxLength: 255 },
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
      };
    }
  }
  return paths;
}
