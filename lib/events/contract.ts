import { z } from "zod";
import { eventTypes, leadStatuses, participantSources, rewardStatuses } from "@/db/enums";

type EventType = (typeof eventTypes)[number];

// The outbound event contract: one zod schema per event type, the single source of the payload's
// TypeScript types (snapshot.ts builds values of them), of the JSON Schemas published at
// /schemas/events/<type>.json, of the OpenAPI document's `webhooks` and of the Event Catalogue.
// The contract tests check real deliveries of every event type against what is published here.

const id = (what: string) => z.uuid().describe(`The ${what}'s id, the same as in the REST API.`);
const instant = (what: string) => z.iso.datetime().describe(`${what} (ISO 8601, UTC).`);

const personFields = {
  first_name: z.string().describe("First name, as the person gave it."),
  email: z.email().describe("Email address, lower-cased."),
  referral_code: z.string().describe("The person's referral code (12 characters); unique in the campaign."),
  source: z.enum(participantSources).describe("How the person joined: Referred, Direct, Added, API or Import."),
  referral_link: z.url().describe("The person's referral link (`<app>/r/<referral_code>`)."),
  joined_at: instant("When the person joined"),
};

export const referrerSchema = z
  .strictObject({ id: id("referrer"), type: z.literal("referrer").describe("Always `referrer`."), ...personFields })
  .meta({ id: "EventReferrer", description: "A person who shares their referral link." });

export const leadSchema = z
  .strictObject({
    id: id("lead"),
    type: z.literal("lead").describe("Always `lead`."),
    ...personFields,
    status: z.enum(leadStatuses).describe("`pending` until the lead is qualified, then `qualified`."),
    qualified_at: instant("When the lead was qualified")
      .nullable()
      .describe("When the lead was qualified; null while pending."),
  })
  .meta({ id: "EventLead", description: "A person who signed up through a referral link (or was added as one)." });

export const userSchema = z
  .discriminatedUnion("type", [referrerSchema, leadSchema])
  .meta({ id: "EventUser", description: "A referrer or a lead, told apart by `type`." });

export const campaignSchema = z
  .strictObject({ id: id("campaign"), name: z.string().describe("The campaign's name.") })
  .meta({ id: "EventCampaign", description: "The campaign the event happened in." });

export const rewardSchema = z
  .strictObject({
    id: id("reward"),
    description: z.string().describe("What was earned, as the campaign describes it (e.g. `$20 account credit`)."),
    status: z.enum(rewardStatuses).describe("`issued` in a `reward.issued` event."),
    recipient_id: z.uuid().nullable().describe("Who received it; null once that person was deleted."),
    lead_id: z.uuid().nullable().describe("The lead whose qualification earned it; null for milestone rewards."),
    created_at: instant("When it was earned"),
    issued_at: instant("When it was issued").nullable().describe("When it was issued; null while due."),
  })
  .meta({ id: "EventReward", description: "A reward earned by a qualification." });

const referrerOrNull = referrerSchema
  .nullable()
  .describe("The person who referred `user`, as they were then; null for a referrer, or when none.");
const credentials = z
  .record(z.string(), z.string())
  .optional()
  .describe("The webhook's credentials (name → value), present only when the webhook has some.");

/** The `data` of each event type: what the outbox stores, plus the webhook's credentials. */
export const EVENT_DATA_SCHEMAS = {
  "user.joined": z.strictObject({ user: userSchema, campaign: campaignSchema, referrer: referrerOrNull, credentials }),
  "referrer.joined": z.strictObject({
    user: referrerSchema,
    campaign: campaignSchema,
    referrer: z.null().describe("Always null: a referrer has no referrer."),
    credentials,
  }),
  "lead.created": z.strictObject({ user: leadSchema, campaign: campaignSchema, referrer: referrerOrNull, credentials }),
  "lead.qualified": z.strictObject({
    user: leadSchema.describe("The lead, now qualified."),
    campaign: campaignSchema,
    referrer: referrerOrNull,
    credentials,
  }),
  "reward.issued": z.strictObject({
    user: userSchema.describe("Who received the reward: the referrer, or the lead for a lead reward."),
    campaign: campaignSchema,
    referrer: referrerOrNull,
    reward: rewardSchema,
    credentials,
  }),
  "user.deleted": z.strictObject({
    user: userSchema.describe("The person as they were just before they were deleted."),
    campaign: campaignSchema,
    referrer: referrerOrNull,
    credentials,
  }),
} as const satisfies Record<EventType, z.ZodType>;

/** The envelope of one event type, exactly as a POST, PUT or PATCH webhook receives it. */
export function envelopeSchema<T extends EventType>(type: T) {
  return z.strictObject({
    id: z
      .string()
      .describe(
        "The delivery's id, also sent as the `webhook-id` header; unique per event and webhook, kept on retries.",
      ),
    type: z.literal(type).describe("The event type."),
    timestamp: instant("When the event happened"),
    data: EVENT_DATA_SCHEMAS[type],
  });
}

/** The `data` as the outbox stores it: the webhook's credentials are added per delivery. */
export type EventData = { [T in EventType]: Omit<z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>, "credentials"> }[EventType];
export type UserSnapshot = z.infer<typeof userSchema>;
export type ReferrerSnapshot = z.infer<typeof referrerSchema>;
export type LeadSnapshot = z.infer<typeof leadSchema>;
export type CampaignSnapshot = z.infer<typeof campaignSchema>;
export type RewardSnapshot = z.infer<typeof rewardSchema>;
