import { desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { inboundRequests, type Campaign, type InboundRequest } from "@/db/schema";
import { ownedBy } from "@/db/scope";
import { INBOUND_LOG_CODE_MAX, INBOUND_LOG_IP_MAX, INBOUND_LOG_USER_AGENT_MAX } from "./inbound-policy";

/** Newest first; the id breaks ties between requests in the same millisecond. */
export const recentFirst = [desc(inboundRequests.receivedAt), desc(inboundRequests.id)];

/**
 * One request as the log records it: the row without the ids its campaign supplies. The
 * referral code, address and user agent are as the caller sent them (any string); cut here.
 */
export type InboundLogEntry = Omit<InboundRequest, "id" | "teamId" | "campaignId">;

/** Appends one row to the campaign's request log (an insert built once per database). */
export async function recordInboundRequest(db: Db, campaign: Campaign, entry: InboundLogEntry): Promise<void> {
  await logInsert(db).execute(inboundLogRow(campaign, entry));
}

const logInsert = preparedPerDb(buildLogInsert);

function buildLogInsert(db: Db) {
  const p = sql.placeholder;
  return db
    .insert(inboundRequests)
    .values({
      teamId: p("teamId"),
      campaignId: p("campaignId"),
      receivedAt: p("receivedAt"),
      httpStatus: p("httpStatus"),
      errorCode: p("errorCode"),
      alreadyQualified: p("alreadyQualified"),
      referralCode: p("referralCode"),
      ip: p("ip"),
      userAgent: p("userAgent"),
    })
    .prepare("record_inbound_request");
}

/** The log row for an entry, what callers sent cut to size: also written inside a qualification. */
export function inboundLogRow(campaign: Campaign, entry: InboundLogEntry): typeof inboundRequests.$inferInsert {
  return {
    teamId: campaign.teamId,
    campaignId: campaign.id,
    receivedAt: entry.receivedAt,
    httpStatus: entry.httpStatus,
    errorCode: entry.errorCode,
    alreadyQualified: entry.alreadyQualified,
    ...clippedCaller(entry),
  };
}

/** What the caller sent, as the log keeps it: cut to the column sizes, control characters dropped. */
export function clippedCaller(entry: Pick<InboundLogEntry, "referralCode" | "ip" | "userAgent">) {
  return {
    referralCode: clip(entry.referralCode, INBOUND_LOG_CODE_MAX),
    ip: clip(entry.ip, INBOUND_LOG_IP_MAX),
    userAgent: clip(entry.userAgent, INBOUND_LOG_USER_AGENT_MAX),
  };
}

/** Deletes all but the `keep` most recent rows. Callers do it once per rate window, off most requests. */
export async function pruneInboundRequests(db: Db, campaign: Campaign, keep: number): Promise<void> {
  const inCampaign = eq(inboundRequests.campaignId, campaign.id);
  const older = db
    .select({ id: inboundRequests.id })
    .from(inboundRequests)
    .where(ownedBy(inboundRequests, campaign.teamId, inCampaign))
    .orderBy(...recentFirst)
    .offset(keep);
  await db
    .delete(inboundRequests)
    .where(ownedBy(inboundRequests, campaign.teamId, inCampaign, inArray(inboundRequests.id, older)));
}

const UNPRINTABLE = /[\u0000-\u001f\u007f]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, "g");

/**
 * Log text is whatever a caller sent: drop control characters (PostgreSQL rejects NUL) and cut
 * by code point, so a cut never splits a surrogate pair.
 */
export function clip(value: string | null, max: number): string | null {
  if (value === null) return null;
  // Most values (a code, an address, a user agent) fit and are printable: kept as they are.
  if (value.length <= max && !UNPRINTABLE.test(value)) return value;
  const printable = value.slice(0, max * 2).replace(UNPRINTABLE_ALL, "");
  return Array.from(printable).slice(0, max).join("");
}
