import type { EventType } from "@/db/schema";
import type { EventData, LeadSnapshot, ReferrerSnapshot } from "./contract";

// One set of sample data feeds the Data Fields preview, "Send test event", the docs and the
// contract test, so what marketers see is exactly what receivers get.
const campaign = { id: "5f0c3b8e-8d7a-4c1e-9b2f-3a6d1e0c9f41", name: "Spring referral programme" };

const referrer: ReferrerSnapshot = {
  id: "0b6f3c2a-1d4e-4f5a-8b9c-7d6e5f4a3b21",
  type: "referrer",
  first_name: "Ada",
  email: "ada@example.com",
  referral_code: "k7m2x9q4wzp3",
  source: "Direct",
  referral_link: "https://app.referwire.example/r/k7m2x9q4wzp3",
  joined_at: "2026-03-01T09:30:00.000Z",
};

const lead: LeadSnapshot = {
  id: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  type: "lead",
  first_name: "Lin",
  email: "lin@example.com",
  referral_code: "r4t8v2n6bq9h",
  source: "Referred",
  referral_link: "https://app.referwire.example/r/r4t8v2n6bq9h",
  joined_at: "2026-03-02T14:05:00.000Z",
  status: "pending",
  qualified_at: null,
};

const qualifiedLead: LeadSnapshot = { ...lead, status: "qualified", qualified_at: "2026-03-05T10:00:00.000Z" };

export const SAMPLE_EVENT_DATA: Record<EventType, EventData> = {
  "user.joined": { user: lead, campaign, referrer },
  "referrer.joined": { user: referrer, campaign, referrer: null },
  "lead.created": { user: lead, campaign, referrer },
  "lead.qualified": { user: qualifiedLead, campaign, referrer },
  "reward.issued": {
    user: referrer,
    campaign,
    referrer: null,
    reward: {
      id: "3c2b1a09-8f7e-4d6c-8b5a-493827161504",
      description: "$20 account credit",
      status: "issued",
      recipient_id: referrer.id,
      lead_id: qualifiedLead.id,
      created_at: "2026-03-05T10:00:00.000Z",
      issued_at: "2026-03-05T10:00:00.000Z",
    },
  },
  "user.deleted": { user: qualifiedLead, campaign, referrer },
};

export const SAMPLE_EVENT_ID = "msg_2f1e0d9c8b7a6f5e4d3c2b1a";
export const SAMPLE_TIMESTAMP = "2026-03-05T10:00:00.000Z";
