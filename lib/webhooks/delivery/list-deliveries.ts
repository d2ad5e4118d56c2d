import "server-only";
import { asc, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { deliveries, deliveryAttempts, type Delivery, type DeliveryAttempt, type EventType } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { keysetAt, keysetBound, type Keyset } from "@/lib/api/cursor";

export type DeliveryRow = Pick<
  Delivery,
  | "id"
  | "eventId"
  | "eventType"
  | "participantEmail"
  | "isTest"
  | "status"
  | "attemptCount"
  | "lastResponseStatus"
  | "lastError"
  | "nextAttemptAt"
  | "createdAt"
  | "completedAt"
>;

/** A delivery id or an event id (the log cannot tell them apart, so either matches), or a person's email. */
export type DeliverySearch = { id: string } | { email: string };

export type DeliveryFilter = {
  status?: Delivery["status"];
  eventType?: EventType;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
  search?: DeliverySearch;
};

export type DeliveryPage = {
  rows: DeliveryRow[];
  /** Where the page before (newer rows) ends, or null on the newest page. */
  newer: Keyset | null;
  /** Where the page after (older rows) starts, or null on the last page. */
  older: Keyset | null;
};

export const DELIVERY_PAGE_SIZE = 25;

const columns = {
  id: deliveries.id,
  eventId: deliveries.eventId,
  eventType: deliveries.eventType,
  participantEmail: deliveries.participantEmail,
  isTest: deliveries.isTest,
  status: deliveries.status,
  attemptCount: deliveries.attemptCount,
  lastResponseStatus: deliveries.lastResponseStatus,
  lastError: deliveries.lastError,
  nextAttemptAt: deliveries.nextAttemptAt,
  createdAt: deliveries.createdAt,
  completedAt: deliveries.completedAt,
  at: keysetAt(deliveries.createdAt),
};

function filterConditions(filter: DeliveryFilter): (SQL | undefined)[] {
  const { search } = filter;
  return [
    filter.status ? eq(deliveries.status, filter.status) : undefined,
    filter.eventType ? eq(deliveries.eventType, filter.eventType) : undefined,
    filter.from ? gte(deliveries.createdAt, filter.from) : undefined,
    filter.to ? lt(deliveries.createdAt, filter.to) : undefined,
    !search
      ? undefined
      : "email" in search
        ? eq(deliveries.participantEmail, search.email.trim().toLowerCase())
        : or(eq(deliveries.id, search.id), eq(deliveries.eventId, search.id)),
  ];
}

/**
 * A webhook's delivery log, newest first by (created_at, id), one page after `older` or before
 * `newer` (the cursors of the page the reader comes from). Keyset pages never repeat or skip a row
 * when deliveries arrive between page loads: new rows are newer than every cursor.
 */
export async function listDeliveries(
  ctx: TeamContext,
  webhookId: string,
  query: { filter?: DeliveryFilter; after?: Keyset; before?: Keyset; pageSize?: number } = {},
): Promise<DeliveryPage> {
  const pageSize = query.pageSize ?? DELIVERY_PAGE_SIZE;
  const select = (bound: SQL | undefined, order: "newest" | "oldest") =>
    ctx.db
      .select(columns)
      .from(deliveries)
      .where(
        ownedBy(
          deliveries,
          ctx.teamId,
          eq(deliveries.webhookId, webhookId),
          ...filterConditions(query.filter ?? {}),
          bound,
        ),
      )
      .orderBy(
        ...(order === "newest"
          ? [desc(deliveries.createdAt), desc(deliveries.id)]
          : [asc(deliveries.createdAt), asc(deliveries.id)]),
      )
      // One row more than the page says whether another page follows, without a count.
      .limit(pageSize + 1);

  if (query.before && !query.after) {
    const newer = await select(keysetBound(deliveries.createdAt, deliveries.id, query.before, "newer"), "oldest");
    // Fewer than a page above the cursor: that is the newest page, shown whole.
    if (newer.length > pageSize) {
      const rows = newer.slice(0, pageSize).reverse();
      return { rows: rows.map(toRow), newer: keyOf(rows[0]!), older: keyOf(rows.at(-1)!) };
    }
  }
  const after = query.after;
  const rows = await select(
    after ? keysetBound(deliveries.createdAt, deliveries.id, after, "older") : undefined,
    "newest",
  );
  const page = rows.slice(0, pageSize);
  return {
    rows: page.map(toRow),
    newer: after && page.length ? keyOf(page[0]!) : null,
    older: rows.length > pageSize ? keyOf(page.at(-1)!) : null,
  };
}

type Selected = DeliveryRow & { at: string };
const keyOf = (row: Selected): Keyset => ({ at: row.at, id: row.id });
function toRow(row: Selected): DeliveryRow {
  const { at, ...rest } = row;
  void at; // the cursor's copy of created_at, for keyOf only
  return rest;
}

/** A delivery's attempts, first to last; header values were masked when they were recorded. */
export async function listAttempts(ctx: TeamContext, deliveryId: string): Promise<DeliveryAttempt[]> {
  return ctx.db
    .select()
    .from(deliveryAttempts)
    .where(ownedBy(deliveryAttempts, ctx.teamId, eq(deliveryAttempts.deliveryId, deliveryId)))
    .orderBy(asc(deliveryAttempts.attemptNumber));
}
