"use server";

import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { listInboundRequests } from "@/lib/inbound/list-inbound-requests";
import { getInboundEndpoint, rotateInboundToken } from "@/lib/inbound/manage-inbound-endpoint";

const ofCampaign = z.object({ campaignId: z.string() });

/** Opening the Qualify via Webhook dialog: the URL (issued on first open) and the latest requests. */
export const openInboundWebhookAction = teamAction(
  { name: "openInboundWebhook", permission: "manageIntegrations", schema: ofCampaign },
  async ({ campaignId }, ctx) => {
    const endpoint = await getInboundEndpoint(ctx, campaignId);
    if (!endpoint.ok) return failedWith(endpoint);
    return succeeded({ endpoint: endpoint.value, requests: await listInboundRequests(ctx, campaignId) });
  },
);

export const rotateInboundUrlAction = teamAction(
  { name: "rotateInboundUrl", permission: "manageIntegrations", schema: ofCampaign },
  async ({ campaignId }, ctx) => {
    const rotated = await rotateInboundToken(ctx, campaignId);
    return rotated.ok
      ? succeeded(rotated.value, "New inbound URL issued. The old URL no longer works.")
      : failedWith(rotated);
  },
);

/** Polled while the dialog is open. */
export const listInboundRequestsAction = teamAction(
  { name: "listInboundRequests", permission: "viewIntegrations", schema: ofCampaign },
  async ({ campaignId }, ctx) => succeeded(await listInboundRequests(ctx, campaignId)),
);
