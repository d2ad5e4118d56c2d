import type { z } from "zod";
import { SAMPLE_EVENT_DATA } from "@/lib/events/samples";
import { joinPageLink, referralLink } from "@/lib/participants/referral-link";
import type * as s from "./schemas";

type User = z.output<typeof s.apiUser>;

/**
 * The OpenAPI document's examples: the people and campaign of the event samples, the reward and
 * subscription of docs/api.md, with links on the installation's own host.
 * tests/api/openapi-document.test.ts checks each against its schema.
 */
export function apiExamples(appUrl: string) {
  const { campaign: sampleCampaign, referrer: ada, user: lin } = SAMPLE_EVENT_DATA["lead.created"];
  if (!ada || lin.type !== "lead") throw new Error("the samples changed shape");

  const campaign: z.output<typeof s.apiCampaign> = {
    ...sampleCampaign,
    landing_url: "https://shop.example.com/spring",
    join_link: joinPageLink(sampleCampaign.id, appUrl),
    referrer_reward: "$20 account credit",
    lead_reward: "10% off the first order",
    reward_mode: "per_lead",
    reward_every_n: 1,
    auto_issue_rewards: false,
    created_at: "2026-02-20T08:15:00.000Z",
  };
  const referrer: User = {
    ...ada,
    campaign_id: campaign.id,
    referral_link: referralLink(ada.referral_code, appUrl),
    source: "API",
    referrer_id: null,
    status: null,
    qualified_at: null,
  };
  const lead: User = {
    ...lin,
    campaign_id: campaign.id,
    referral_link: referralLink(lin.referral_code, appUrl),
    referrer_id: referrer.id,
  };
  const qualifiedLead: User = { ...lead, status: "qualified", qualified_at: "2026-03-04T16:20:00.000Z" };
  const dueReward: z.output<typeof s.apiReward> = {
    id: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
    campaign_id: campaign.id,
    recipient_id: referrer.id,
    lead_id: lead.id,
    description: campaign.referrer_reward,
    status: "due",
    created_at: qualifiedLead.qualified_at!,
    issued_at: null,
  };
  const subscription: z.output<typeof s.apiSubscription> = {
    id: "7e6d5c4b-3a29-4f18-8e07-d6c5b4a39281",
    campaign_id: campaign.id,
    name: "API: Fire when a lead is qualified",
    url: "https://hooks.zapier.com/hooks/standard/1234567/0a1b2c3d4e5f/",
    event: "lead.qualified",
    sources: [],
    status: "active",
    created_at: "2026-03-05T09:00:00.000Z",
  };
  const page = { page: 1, per_page: 50, has_more: false, next_cursor: null };

  return {
    team: { data: { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", name: "Acme's team" } },
    campaigns: { data: [campaign] },
    campaign: { data: campaign },
    users: { data: [lead], ...page, total: 1 },
    user: { data: lead },
    createUser: {
      referrer: {
        request: {
          campaign_id: campaign.id,
          type: "referrer",
          first_name: referrer.first_name,
          email: referrer.email,
        } satisfies z.input<typeof s.createUserBody>,
        response: { data: referrer },
      },
      lead: {
        request: {
          campaign_id: campaign.id,
          type: "lead",
          first_name: lead.first_name,
          email: lead.email,
          referrer: referrer.referral_code,
        } satisfies z.input<typeof s.createUserBody>,
        response: { data: { ...lead, source: "API" } },
      },
    },
    qualification: {
      request: {
        byId: { id: lead.id, qualified: true },
        byReferralCode: { referral_code: lead.referral_code, qualified: true },
        byEmail: { email: lead.email, campaign_id: campaign.id, qualified: false },
      } satisfies Record<string, z.input<typeof s.qualificationBody>>,
      response: { data: qualifiedLead, changed: true },
    },
    rewards: { data: [dueReward], ...page, total: 1 },
    issuedReward: {
      data: { ...dueReward, status: "issued", issued_at: "2026-03-06T11:00:00.000Z" },
      changed: true,
    },
    subscriptions: { data: [subscription] },
    subscribe: {
      request: {
        campaign_id: campaign.id,
        url: subscription.url,
        event: subscription.event,
      } satisfies z.input<typeof s.createSubscriptionBody>,
      response: { data: { ...subscription, signing_secret: "whsec_Zk3q9Rj2mV8xT1bN6cW4yH0pL5sD7gAe" } },
    },
  };
}
