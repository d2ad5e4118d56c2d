import "server-only";
import { and, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { selectRows } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { keysetAt } from "@/lib/api/cursor";
import type { TeamContext } from "@/db/scope";
import type { AuditActor } from "./audit-actor";
import { encodeAuditCursor, type AuditLogQuery } from "./audit-log-params";

export const AUDIT_PAGE_SIZE = 50;

const columns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  subjectLabel: auditEvents.subjectLabel,
  details: auditEvents.details,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  // The time as PostgreSQL keeps it, to the microsecond, for the cursor: a Date would drop them.
  cursorAt: keysetAt(auditEvents.occurredAt),
};

export type AuditEventRow = Omit<typeof auditEvents.$inferSelect, "teamId">;
export type AuditPage = { entries: AuditEventRow[]; nextCursor: string | null };

/**
 * The indexes' own order. A bare DESC means NULLS FIRST, which the indexes (DESC NULLS LAST) do
 * not hold: PostgreSQL would then read every matching entry and sort them, instead of stopping
 * after a page.
 */
const newestFirst = [sql`${auditEvents.occurredAt} desc nulls last`, sql`${auditEvents.id} desc nulls last`];

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * One page of the team's log, newest first, after the cursor. Keyset paging by (occurred_at, id):
 * entries written while someone pages are newer than every cursor, so they never shift a page,
 * repeat an entry or hide one. Each filter has an index that starts with the team and ends with
 * the time: (team, time, id), (team, actor, time), (team, action, time).
 */
export async function listAuditEvents({ db, teamId }: TeamContext, query: AuditLogQuery): Promise<AuditPage> {
  const conditions: (SQL | undefined)[] = [eq(auditEvents.teamId, teamId)];
  if (query.actor === "system") conditions.push(isNull(auditEvents.actorId));
  else if (query.actor) conditions.push(eq(auditEvents.actorId, query.actor));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.from) conditions.push(gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) conditions.push(lt(auditEvents.occurredAt, nextDay(query.to)));
  if (query.after)
    conditions.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${query.after.at}::timestamptz, ${query.after.id}::bigint)`,
    );
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(...newestFirst)
    .limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeAuditCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

export type AuditActorOption = { id: string; kind: AuditActor["kind"]; label: string };

/**
 * Everyone who appears in the team's log, for the actor filter, each with the label of their
 * latest entry. A skip scan over the (team, actor, time) index: one probe per actor, however long
 * the log, instead of reading every entry to find the distinct ones.
 */
export async function listAuditActors({ db, teamId }: TeamContext): Promise<AuditActorOption[]> {
  const rows = await selectRows<{ id: string | null; kind: AuditActor["kind"]; label: string }>(
    db,
    sql`with recursive actors(id) as (
          (select actor_id from audit_events where team_id = ${teamId} and actor_id is not null order by actor_id limit 1)
          union all
          select (select a.actor_id from audit_events a
                  where a.team_id = ${teamId} and a.actor_id > actors.id order by a.actor_id limit 1)
          from actors where actors.id is not null
        )
        select actors.id, latest.kind, latest.label from actors
        cross join lateral (
          select actor_kind as kind, actor_label as label from audit_events a
          where a.team_id = ${teamId} and a.actor_id = actors.id order by a.occurred_at desc nulls last limit 1
        ) latest
        union all
        (select null, 'system', actor_label from audit_events
         where team_id = ${teamId} and actor_id is null order by occurred_at desc nulls last limit 1)`,
  );
  return rows
    .map((row) => ({ id: row.id ?? "system", kind: row.kind, label: row.label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
