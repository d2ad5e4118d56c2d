import { count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents, participants, rewards } from "@/db/schema";
import { handleInboundQualify } from "@/lib/inbound/handle-inbound-qualify";
import { INBOUND_POLICY, type InboundPolicy } from "@/lib/inbound/inbound-policy";
import { getInboundEndpoint } from "@/lib/inbound/manage-inbound-endpoint";
import type { TeamContext } from "@/db/scope";
import type { CampaignInput } from "@/lib/campaigns/schemas";
import { createProgram } from "./fixtures";

/** The token inside a campaign's inbound URL, as the marketer would copy it. */
export async function inboundTokenOf(ctx: TeamContext, campaignId: string): Promise<string> {
  const endpoint = await getInboundEndpoint(ctx, campaignId);
  if (!endpoint.ok || !endpoint.value.url) throw new Error("no inbound endpoint");
  return endpoint.value.url.match(/\/api\/inbound\/([^/]+)\/qualify$/)![1]!;
}

/** A program (team, campaign, referrer, pending lead) with its inbound token issued. */
export async function createInboundProgram(db: Db, overrides: Partial<CampaignInput> = {}) {
  const program = await createProgram(db, overrides);
  return { ...program, token: await inboundTokenOf(program.team, program.campaign.id) };
}

const inboundUrl = (token: string) => `http://localhost:3000/api/inbound/${token}/qualify`;

type Body = { json: unknown } | { form: Record<string, string> } | { raw: BodyInit; contentType?: string | null };

/** A real Request as an HTTP client would send it. */
export function inboundRequest(
  token: string,
  body: Body,
  init: { method?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(init.headers);
  let payload: BodyInit;
  if ("json" in body) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body.json);
  } else if ("form" in body) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    payload = new URLSearchParams(body.form).toString();
  } else {
    if (body.contentType) headers.set("content-type", body.contentType);
    payload = body.raw;
  }
  const method = init.method ?? "POST";
  const withBody = method !== "GET" && method !== "HEAD";
  return new Request(inboundUrl(token), {
    method,
    headers,
    body: withBody ? payload : undefined,
    duplex: "half",
  } as RequestInit);
}

export type InboundAnswer = { status: number; body: Record<string, unknown>; headers: Headers };

export async function callInbound(
  db: Db | Promise<Db>,
  token: string,
  request: Request,
  policy: InboundPolicy = INBOUND_POLICY,
): Promise<InboundAnswer> {
  const response = await handleInboundQualify(db, token, request, policy);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export const postCode = (db: Db, token: string, code: string, policy?: InboundPolicy) =>
  callInbound(db, token, inboundRequest(token, { json: { referral_code: code } }), policy);

/** What a request must never change: row counts and every lead's status in these campaigns. */
export async function programState(db: Db, campaignIds: string[]) {
  const counted = async (table: typeof participants | typeof outboxEvents | typeof rewards) =>
    (await db.select({ n: count() }).from(table).where(inArray(table.campaignId, campaignIds)))[0]!.n;
  const leads = await db
    .select({ id: participants.id, status: participants.status, qualifiedAt: participants.qualifiedAt })
    .from(participants)
    .where(inArray(participants.campaignId, campaignIds))
    .orderBy(participants.id);
  return {
    participants: await counted(participants),
    events: await counted(outboxEvents),
    rewards: await counted(rewards),
    leads,
  };
}

export const leadStatus = async (db: Db, leadId: string) =>
  (await db.select({ status: participants.status }).from(participants).where(eq(participants.id, leadId)))[0]?.status;
