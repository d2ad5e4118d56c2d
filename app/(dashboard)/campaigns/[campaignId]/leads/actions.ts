"use server";

import { requireMarketer } from "@/lib/auth/session";
import { listInboundRequests, type InboundRequestRow } from "@/lib/inbound/list-inbound-requests";
import { getInboundEndpoint, rotateInboundToken, type InboundEndpoint } from "@/lib/inbound/manage-inbound-endpoint";

export type InboundWebhookState = { ok: true; endpoint: InboundEndpoint; requests: InboundRequestRow[] } | { ok: false; message: string };

/** Opening the Qualify via Webhook dialog: the URL (issued on first open) and the latest requests. */
export async function openInboundWebhookAction(campaignId: string): Promise<InboundWebhookState> {
  const ctx = await requireMarketer();
  const endpoint = await getInboundEndpoint(ctx, campaignId);
  if (!endpoint.ok) return { ok: false, message: endpoint.message };
  return { ok: true, endpoint: endpoint.value, requests: await listInboundRequests(ctx, campaignId) };
}

export async function rotateInboundUrlAction(campaignId: string): Promise<{ ok: true; endpoint: InboundEndpoint } | { ok: false; message: string }> {
  const ctx = await requireMarketer();
  const rotated = await rotateInboundToken(ctx, campaignId);
  return rotated.ok ? { ok: true, endpoint: rotated.value } : { ok: false, message: rotated.message };
}

/** Polled while the dialog is open. */
export async function listInboundRequestsAction(campaignId: string): Promise<InboundRequestRow[]> {
  const ctx = await requireMarketer();
  return listInboundRequests(ctx, campaignId);
}
