import "server-only";
import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { participants, type LeadStatus, type Participant, type ParticipantSource } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { afterCursor } from "@/lib/api/cursor";
import { isUuid } from "@/lib/ids";
import { pageWindow, takePage } from "@/lib/tables/list-params";
import { normalizeReferralCode } from "./referral-code";

export type ParticipantSearch = {
  campaignId?: string;
  kind?: "referrer" | "lead";
  status?: LeadStatus;
  source?: ParticipantSource;
  email?: string;
  code?: string;
  createdAfter?: Date;
  page: number;
  perPage: number;
  /** The id of the last row of the previous page: the page after it (instead of `page`). */
  startingAfter?: string;
};

/** The API's user listing across the team's campaigns, with a total for the filters. */
export async function searchParticipants(
  { db, teamId }: TeamContext,
  search: ParticipantSearch,
): Promise<{ rows: Participant[]; total: number; hasNextPage: boolean } | { unknownCursor: true }> {
  const filters: (SQL | undefined)[] = [
    search.campaignId ? eq(participants.campaignId, search.campaignId) : undefined,
    search.kind ? eq(participants.kind, search.kind) : undefined,
    search.status ? eq(participants.status, search.status) : undefined,
    search.source ? eq(participants.source, search.source) : undefined,
    search.email ? eq(participants.email, search.email.toLowerCase()) : undefined,
    search.code ? eq(participants.referralCode, normalizeReferralCode(search.code)) : undefined,
    search.createdAfter ? gt(participants.joinedAt, search.createdAfter) : undefined,
  ];
  const where = ownedBy(participants, teamId, and(...filters));
  const after = search.startingAfter
    ? await afterCursor(db, teamId, participants, participants.joinedAt, search.startingAfter)
    : undefined;
  if (after === null) return { unknownCursor: true };
  const { limit, offset } = pageWindow(after ? 1 : search.page, search.perPage);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(participants)
      .where(and(where, after))
      .orderBy(desc(participants.joinedAt), desc(participants.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(participants)
      .where(where),
  ]);
  const page = takePage(rows, search.perPage);
  return { rows: page.rows, hasNextPage: page.hasNextPage, total: count?.n ?? 0 };
}

export async function getParticipant({ db, teamId }: TeamContext, participantId: string): Promise<Participant | null> {
  if (!isUuid(participantId)) return null;
  const [row] = await db
    .select()
    .from(participants)
    .where(ownedBy(participants, teamId, eq(participants.id, participantId)));
  return row ?? null;
}
