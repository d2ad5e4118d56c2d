import { and, asc, desc, eq, ilike, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { participants, type LeadStatus, type UserSource } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { pageWindow, takePage } from "@/lib/tables/list-params";

export const PARTICIPANT_SORTS = ["joinedAt", "firstName", "email", "qualifiedAt"] as const;

export type ParticipantQuery = {
  kind: "referrer" | "lead";
  page: number;
  pageSize: number;
  sort: (typeof PARTICIPANT_SORTS)[number];
  dir: "asc" | "desc";
  q: string;
  source?: UserSource;
  status?: LeadStatus;
};

export type ParticipantRow = {
  id: string;
  firstName: string;
  email: string;
  referralCode: string;
  source: UserSource;
  status: LeadStatus | null;
  joinedAt: Date;
  qualifiedAt: Date | null;
  referrer: { id: string; firstName: string; email: string } | null;
};

const referrers = alias(participants, "referrer");

const sortColumns = {
  joinedAt: participants.joinedAt,
  firstName: participants.firstName,
  email: participants.email,
  qualifiedAt: participants.qualifiedAt,
};

/**
 * One page of a campaign's referrers or leads. Fetches one row more than the page instead of
 * counting, so typing in the search box never scans the whole campaign; search uses the
 * pg_trgm index on `search_text`.
 */
export async function listParticipants(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: ParticipantQuery,
): Promise<{ rows: ParticipantRow[]; hasNextPage: boolean }> {
  const filters: SQL[] = [eq(participants.campaignId, campaignId), eq(participants.kind, query.kind)];
  if (query.q) filters.push(ilike(participants.searchText, `%${escapeLike(query.q.toLowerCase())}%`));
  if (query.source) filters.push(eq(participants.source, query.source));
  if (query.status && query.kind === "lead") filters.push(eq(participants.status, query.status));
  const order = query.dir === "asc" ? asc : desc;
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await db
    .select({
      id: participants.id,
      firstName: participants.firstName,
      email: participants.email,
      referralCode: participants.referralCode,
      source: participants.source,
      status: participants.status,
      joinedAt: participants.joinedAt,
      qualifiedAt: participants.qualifiedAt,
      referrerId: referrers.id,
      referrerFirstName: referrers.firstName,
      referrerEmail: referrers.email,
    })
    .from(participants)
    .leftJoin(referrers, eq(referrers.id, participants.referrerId))
    .where(ownedBy(participants, teamId, and(...filters)))
    .orderBy(order(sortColumns[query.sort]), order(participants.id))
    .limit(limit)
    .offset(offset);
  const page = takePage(rows, query.pageSize);
  return {
    hasNextPage: page.hasNextPage,
    rows: page.rows.map(({ referrerId, referrerFirstName, referrerEmail, ...row }) => ({
      ...row,
      referrer: referrerId ? { id: referrerId, firstName: referrerFirstName!, email: referrerEmail! } : null,
    })),
  };
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);
