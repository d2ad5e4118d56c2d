import "server-only";
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { participants, type Campaign, type Participant } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { EXPORT_BATCH_ROWS, type CsvColumn, type CsvExport } from "@/lib/exports/csv-export";
import {
  countParticipants,
  participantFilters,
  participantRowColumns,
  referrers,
  type ParticipantQuery,
} from "./list-participants";
import { referralLink } from "./referral-link";

/** The table's filters and sort; the page is ignored: an export holds every page. */
export type ParticipantExportQuery = Pick<ParticipantQuery, "kind" | "sort" | "dir" | "q" | "source" | "status">;

/**
 * Each sort as a keyset key, and the type its text form casts back to. Qualified-at sorts on
 * `coalesce(qualified_at, 'infinity')`: PostgreSQL orders nulls as larger than every value, so
 * this is the table's own order, and a key that is never null can be compared row-wise.
 */
const SORT_KEYS = {
  joinedAt: { key: sql`${participants.joinedAt}`, type: sql`timestamptz` },
  qualifiedAt: { key: sql`coalesce(${participants.qualifiedAt}, 'infinity'::timestamptz)`, type: sql`timestamptz` },
  firstName: { key: sql`${participants.firstName}`, type: sql`text` },
  email: { key: sql`${participants.email}`, type: sql`text` },
} satisfies Record<ParticipantQuery["sort"], { key: SQL; type: SQL }>;

/**
 * The rows after the last one read, in the table's order (its sort, then the id). The key comes
 * back as text and goes in as text, so a timestamp keeps its microseconds (a JS Date would round
 * them to milliseconds and skip or repeat rows that share one).
 */
type Cursor = { key: string; id: string };

type Row = Pick<
  Participant,
  "id" | "firstName" | "email" | "referralCode" | "source" | "status" | "joinedAt" | "qualifiedAt"
> & {
  referrerId: string | null;
  referrerFirstName: string | null;
  referrerEmail: string | null;
  referrerCode: string | null;
  cursor: string;
};

async function* participantBatches(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: ParticipantExportQuery,
): AsyncGenerator<Row[]> {
  const { key, type } = SORT_KEYS[query.sort];
  const order = query.dir === "asc" ? asc : desc;
  const comparison = query.dir === "asc" ? sql`>` : sql`<`;
  let cursor: Cursor | undefined;
  for (;;) {
    const after = cursor
      ? sql`(${key}, ${participants.id}) ${comparison} (cast(${cursor.key} as ${type}), cast(${cursor.id} as uuid))`
      : undefined;
    const rows = await db
      .select({
        ...participantRowColumns,
        referrerCode: referrers.referralCode,
        cursor: sql<string>`(${key})::text`,
      })
      .from(participants)
      .leftJoin(referrers, eq(referrers.id, participants.referrerId))
      .where(ownedBy(participants, teamId, participantFilters(participants, campaignId, query), after))
      .orderBy(order(key), order(participants.id))
      .limit(EXPORT_BATCH_ROWS);
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH_ROWS) return;
    const last = rows[rows.length - 1]!;
    cursor = { key: last.cursor, id: last.id };
  }
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

const common = {
  id: { header: "id", value: (r) => r.id },
  firstName: { header: "first_name", value: (r) => r.firstName },
  email: { header: "email", value: (r) => r.email },
  referralCode: { header: "referral_code", value: (r) => r.referralCode },
  source: { header: "source", value: (r) => r.source },
  joinedAt: { header: "joined_at", value: (r) => iso(r.joinedAt) },
} satisfies Record<string, CsvColumn<Row>>;

/** What the Referrers table shows, its ids, and the link a referrer shares. */
const REFERRER_COLUMNS: CsvColumn<Row>[] = [
  common.id,
  common.firstName,
  common.email,
  common.referralCode,
  { header: "referral_link", value: (r) => referralLink(r.referralCode) },
  common.source,
  common.joinedAt,
];

/** What the Leads table shows, with its referrer named by id, name, email and code. */
const LEAD_COLUMNS: CsvColumn<Row>[] = [
  common.id,
  common.firstName,
  common.email,
  common.referralCode,
  { header: "status", value: (r) => r.status },
  common.source,
  { header: "referrer_id", value: (r) => r.referrerId },
  { header: "referrer_first_name", value: (r) => r.referrerFirstName },
  { header: "referrer_email", value: (r) => r.referrerEmail },
  { header: "referrer_referral_code", value: (r) => r.referrerCode },
  common.joinedAt,
  { header: "qualified_at", value: (r) => iso(r.qualifiedAt) },
];

/**
 * A Referrers or Leads table as CSV: every row its filters match (all pages), in its order,
 * read in keyset batches along the sort's index. `campaign` must be the team's (the caller
 * looked it up); the team filter is on every batch as well.
 */
export async function exportParticipants(
  ctx: TeamContext,
  campaign: Pick<Campaign, "id">,
  query: ParticipantExportQuery,
): Promise<CsvExport<Row>> {
  return {
    table: query.kind === "referrer" ? "referrers" : "leads",
    columns: query.kind === "referrer" ? REFERRER_COLUMNS : LEAD_COLUMNS,
    total: await countParticipants(ctx, campaign.id, query),
    batches: participantBatches(ctx, campaign.id, query),
  };
}
