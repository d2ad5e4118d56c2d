import type { EventType } from "@/db/schema";

/** The one catalogue of events outbound webhooks fire on: ids, labels and descriptions. */
export const EVENT_CATALOGUE = {
  "user.joined": {
    label: "Fire when a new user (Referrer or Lead) joins your campaign",
    description: "A referrer joined, or a lead was created, by any source.",
  },
  "referrer.joined": {
    label: "Fire when a new referrer joins your campaign",
    description: "A person joined as a referrer and received a referral link.",
  },
  "lead.created": {
    label: "Fire when a new lead is created",
    description: "A friend signed up through a referral link, or a lead was added.",
  },
  "lead.qualified": {
    label: "Fire when a lead is qualified",
    description: "A lead became Qualified in the dashboard, through the inbound webhook or the API.",
  },
  "reward.issued": {
    label: "Fire when a reward is issued",
    description: "A reward was issued, automatically or by a marketer.",
  },
  "user.deleted": {
    label: "Fire when a user (Referrer or Lead) is deleted",
    description: "A referrer or lead was deleted; the payload is the person as they were, so you can remove your copy.",
  },
} as const satisfies Record<EventType, { label: string; description: string }>;

/** In catalogue order; the catalogue above must describe every one of them. */
export { eventTypes as EVENT_TYPES } from "@/db/enums";
