import { z } from "zod";
import { eventTypes, leadStatuses, participantKinds, rewardStatuses, participantSources } from "@/db/schema";
import { emailSchema } from "@/lib/auth/schemas";
import { firstNameSchema } from "@/lib/participants/schemas";
import { API_ERROR_STATUS, type ApiErrorCode } from "./respond";

// The REST API's request and response shapes: the routes validate with them and
// lib/api/openapi.ts generates the OpenAPI document from them.

export const MAX_PER_PAGE = 250;
export const MAX_PAGE = 100_000;

const id = z.uuid();
const timestamp = z.iso.datetime();

// The server trims request strings before it checks them; a validator checks them as sent. So the
// published schema says "not blank" as a pattern, and a trimmed field shows the checks made after
// trimming. Where the server is more lenient than JSON Schema can say (spaces around an email, or
// past a maxLength), the published schema is the stricter. z.toJSONSchema cannot see refinements
// either: each one's JSON Schema sits beside it in .meta().
const notBlank = <T extends z.ZodType>(schema: T) => schema.meta({ pattern: "\\S" });
function trimmed<T extends z.ZodType<unknown, string>>(schema: T) {
  const checks = z.toJSONSchema(schema, { io: "input" });
  delete checks.$schema;
  return z.string().trim().pipe(schema).meta(checks);
}

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).describe("Leave out with `starting_after`."),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(50),
  starting_after: z
    .string()
    .trim()
    .max(64)
    .describe("Keyset paging: the `next_cursor` of the previous page; takes the place of `page`.")
    .optional(),
});

export const listUsersQuery = paginationQuery.extend({
  campaign_id: id.optional(),
  type: z.enum(participantKinds).optional(),
  status: z.enum(leadStatuses).optional(),
  source: z.enum(participantSources).optional(),
  email: z.string().trim().max(254).optional(),
  code: z.string().trim().max(64).optional(),
  created_after: timestamp.optional(),
});

export const createUserBody = z
  .object({
    campaign_id: id,
    type: z.enum(participantKinds),
    first_name: notBlank(firstNameSchema),
    email: trimmed(emailSchema),
    referrer: notBlank(z.string().trim().min(1).max(254))
      .describe("A lead's referrer: their id, referral code or email. Required for a lead; ignored for a referrer.")
      .optional(),
  })
  .strict()
  // A referrer; or a lead, with their referrer (addParticipant refuses a lead without one).
  .meta({
    oneOf: [
      { properties: { type: { const: "referrer" } }, required: ["type"] },
      { properties: { type: { const: "lead" } }, required: ["type", "referrer"] },
    ],
  });

export const qualificationBody = z
  .object({
    id: id.optional(),
    referral_code: notBlank(z.string().trim().min(1).max(64)).optional(),
    email: notBlank(z.string().trim().min(1).max(254)).optional(),
    campaign_id: id
      .describe("Required with email; narrows a referral_code to one campaign; not used with id.")
      .optional(),
    qualified: z.boolean(),
  })
  .strict()
  .refine((b) => [b.id, b.referral_code, b.email].filter((v) => v !== undefined).length === 1, {
    error: "Name the lead by exactly one of id, referral_code or email",
  })
  .refine((b) => !b.email || b.campaign_id, { path: ["campaign_id"], error: "campaign_id is required with email" })
  .meta({
    oneOf: [{ required: ["id"] }, { required: ["referral_code"] }, { required: ["email"] }],
    dependentRequired: { email: ["campaign_id"] },
  });

export const listRewardsQuery = paginationQuery.extend({
  campaign_id: id.optional(),
  status: z.enum(rewardStatuses).optional(),
});

export const createSubscriptionBody = z
  .object({
    campaign_id: id,
    // createWebhook checks the address (lib/webhooks/schemas.ts); what of it a validator can see:
    // an http(s) URL of at most 2000 characters, without a user name or password.
    url: z.string().meta({
      format: "uri",
      maxLength: 2000,
      pattern: "^https?://[^/@]+(/|$)",
      description:
        "Where events are sent: an https:// URL (http:// only where the operator allows private networks). Hosts on private or reserved networks are refused.",
    }),
    event: z.enum(eventTypes),
    sources: z.array(z.enum(participantSources)).default([]),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

// Responses

export const apiUser = z.object({
  id,
  type: z.enum(participantKinds),
  campaign_id: id,
  first_name: z.string(),
  email: z.string(),
  referral_code: z.string(),
  referral_link: z.url(),
  source: z.enum(participantSources),
  joined_at: timestamp,
  referrer_id: id.nullable(),
  status: z.enum(leadStatuses).nullable(),
  qualified_at: timestamp.nullable(),
});

/** The team an API key belongs to: every request with it acts on this team's data. */
export const apiTeam = z.object({ id, name: z.string() });

export const apiCampaign = z.object({
  id,
  name: z.string(),
  landing_url: z.url(),
  join_link: z.url(),
  referrer_reward: z.string(),
  lead_reward: z.string().nullable(),
  reward_mode: z.enum(["per_lead", "every_n"]),
  reward_every_n: z.number().int(),
  auto_issue_rewards: z.boolean(),
  created_at: timestamp,
});

export const apiReward = z.object({
  id,
  campaign_id: id,
  /** Null once the recipient was deleted: the reward stays, without them. */
  recipient_id: id.nullable(),
  lead_id: id.nullable(),
  description: z.string(),
  status: z.enum(rewardStatuses),
  created_at: timestamp,
  issued_at: timestamp.nullable(),
});

export const apiSubscription = z.object({
  id,
  campaign_id: id,
  name: z.string(),
  url: z.string(),
  event: z.enum(eventTypes),
  sources: z.array(z.enum(participantSources)),
  status: z.enum(["active", "disabled"]),
  created_at: timestamp,
});

/** Only the response to subscribing carries the signing secret. */
export const apiNewSubscription = apiSubscription.extend({ signing_secret: z.string() });

export const apiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(API_ERROR_STATUS) as ApiErrorCode[]),
    message: z.string(),
    details: z
      .record(z.string(), z.string())
      .describe("What is wrong with each field (`form`: with the body as a whole).")
      .optional(),
  }),
});
