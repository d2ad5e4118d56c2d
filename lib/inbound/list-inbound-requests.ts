import { eq } from "drizzle-orm";
import { inboundRequests, type InboundRequest } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isUuid } from "@/lib/ids";
import { recentFirst } from "./record-inbound-request";

/** A log row as the dashboard shows it: plain JSON (it crosses to a client component), so the time is ISO text. */
export type InboundRequestRow = Omit<InboundRequest, "teamId" | "campaignId" | "receivedAt"> & { receivedAt: string };

export const INBOUND_LOG_PAGE = 20;

export async function listInboundRequests(
  { db, teamId }: TeamContext,
  campaignId: string,
  limit = INBOUND_LOG_PAGE,
): Promise<InboundRequestRow[]> {
  if (!isUuid(campaignId)) return [];
  const r = inboundRequests;
  const rows = await db
    .select({
      id: r.id,
      receivedAt: r.receivedAt,
      httpStatus: r.httpStatus,
      errorCode: r.errorCode,
      alreadyQualified: r.alreadyQualified,
      referralCode: r.referralCode,
      ip: r.ip,
      userAgent: r.userAgent,
    })
    .from(r)
    .where(ownedBy(r, teamId, eq(r.campaignId, campaignId)))
    .orderBy(...recentFirst)
    .limit(limit);
  return rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
}
