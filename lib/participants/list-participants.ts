import { and, asc, count, desc, eq, ilike, inArray, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { participants, type LeadStatus, type Participant, type ParticipantSource } from "@/db/schema";
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
  source?: ParticipantSource;
  status?: LeadStatus;
};

/** What narrows a table to its rows, whatever the page and sort. */
export type ParticipantFilter = Pick<ParticipantQuery, "kind" | "q" | "source" | "status">;

export type ParticipantRow = Pick<
  Participant,
  "id" | "firstName" | "email" | "referralCode" | "source" | "status" | "joinedAt" | "qualifiedAt"
> & {
  referrer: Pick<Participant, "id" | "firstName" | "email"> | null;
};

const listed = alias(participants, "listed");
/** The lead's referrer, joined to the rows the tables and the export show. */
export const referrers = alias(participants, "referrer");

/** What a row of the Referrers and Leads tables shows, read with `referrers` left-joined (the export too). */
export const participantRowColumns = {
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
};

type Filterable = Record<"campaignId" | "kind" | "searchText" | "source" | "status", AnyPgColumn>;

/**
 * The WHERE of a Referrers or Leads table's filters (campaign, kind, search, source, status), on
 * the given copy of the table: the one definition the page, its row count and its CSV export share.
 */
export function participantFilters(table: Filterable, campaignId: string, query: ParticipantFilter): SQL {
  const filters: SQL[] = [eq(table.campaignId, campaignId), eq(table.kind, query.kind)];
  if (query.q) filters.push(ilike(table.searchText, `%${escapeLike(query.q.toLowerCase())}%`));
  if (query.source) filters.push(eq(table.source, query.source));
  if (query.status && query.kind === "lead") filters.push(eq(table.status, query.status));
  return and(...filters)!;
}

/** The ORDER BY of a sort, on the given copy of the table; the id breaks ties so pages never overlap. */
function orderOf(
  table: Record<ParticipantQuery["sort"] | "id", AnyPgColumn>,
  { sort, dir }: Pick<ParticipantQuery, "sort" | "dir">,
) {
  const order = dir === "asc" ? asc : desc;
  return [order(table[sort]), order(table.id)];
}

/**
 * One page of a campaign's referrers or leads. Fetches one row more than the page instead of
 * counting, so typing in the search box never scans the whole campaign; search uses the
 * pg_trgm index on `search_text`.
 *
 * The page is picked as ids first: the OFFSET walks only (campaign_id, kind, sort column, id),
 * which the listing indexes hold, so a deep page is an index-only scan; the full rows and
 * their referrers are then read for the ~26 ids on the page. The team filter sits on those
 * rows: `team_id` is not in the listing indexes, and checking it on every skipped row would
 * visit the table once per row skipped. Another team's campaign id therefore yields no rows.
 */
export async function listParticipants(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: ParticipantQuery,
): Promise<{ rows: ParticipantRow[]; hasNextPage: boolean }> {
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const pageIds = db
    .select({ id: listed.id })
    .from(listed)
    .where(participantFilters(listed, campaignId, query))
    .orderBy(...orderOf(listed, query))
    .limit(limit)
    .offset(offset);
  const rows = await db
    .select(participantRowColumns)
    .from(participants)
    .leftJoin(referrers, eq(referrers.id, participants.referrerId))
    .where(ownedBy(participants, teamId, inArray(participants.id, pageIds)))
    .orderBy(...orderOf(participants, query));
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

/** How many people a table's filters match, on every page: what an export of it will hold. */
export async function countParticipants(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: ParticipantFilter,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(participants)
    .where(ownedBy(participants, teamId, participantFilters(participants, campaignId, query)));
  return row?.n ?? 0;
}
