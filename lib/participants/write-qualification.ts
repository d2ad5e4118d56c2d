import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { outboxEvents, rewards, type Participant } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
import { noteEventWritten } from "@/lib/outbox/relay-written-events";
import type { RewardGrant } from "@/lib/rewards/plan-reward-grants";

/** A row to insert only if the lead really moved to Qualified (the inbound request log). */
export type RowIfQualified = { table: PgTable; row: Record<string, unknown> };

export type QualificationWrite = {
  /** The lead as it will read once qualified; its status must still be pending in the table. */
  lead: Participant;
  event: EventData;
  grants: RewardGrant[];
  alsoInsert?: RowIfQualified[];
};

/**
 * Qualifies the lead, writes its `lead.qualified` event, its rewards (and their `reward.issued`
 * events when the campaign issues at once) and the caller's rows, as ONE statement: PostgreSQL
 * runs it atomically, so the change and its events commit together without a transaction's
 * extra round trips. Every insert selects from the conditional UPDATE, so when a concurrent
 * call qualified the lead first nothing at all is written. Returns whether this call qualified it.
 * It inserts its events itself (the outbox table's one writer besides `recordEvent`), so it tells
 * the request's outbox scope too.
 *
 * `prepare` keeps the statement built per `db` and shape (how many rewards, which extra rows), so
 * the hot path only binds values.
 */
export async function writeQualification(
  db: Db,
  write: QualificationWrite,
  { prepare = false } = {},
): Promise<boolean> {
  const { values, shape, build } = describeWrite(write);
  const query = prepare ? preparedFor(db, shape, () => build(db).prepare(`write_qualification_${shape}`)) : build(db);
  const rows = await query.execute(values);
  const qualified = rows.length > 0;
  if (qualified) noteEventWritten();
  return qualified;
}

type PreparedWrite = { execute: (values: Record<string, unknown>) => Promise<unknown[]> };
const preparedShapes = preparedPerDb(() => new Map<string, PreparedWrite>());

function preparedFor(db: Db, shape: string, prepare: () => PreparedWrite): PreparedWrite {
  const byShape = preparedShapes(db);
  let prepared = byShape.get(shape);
  if (!prepared) byShape.set(shape, (prepared = prepare()));
  return prepared;
}

type Insert = { name: string; from: string; table: PgTable; row: Record<string, unknown>; suffix?: SQL };

/**
 * The statement as placeholders (the same for every write of one shape) and the values to bind,
 * in one order: the inserts' columns, then the UPDATE's. Only `build` makes SQL objects, so a
 * prepared shape costs the hot path nothing but its values.
 */
function describeWrite(write: QualificationWrite) {
  const { lead } = write;
  const inserts: Insert[] = [
    {
      name: "event",
      from: "qualified",
      table: outboxEvents,
      row: { teamId: lead.teamId, campaignId: lead.campaignId, type: "lead.qualified", data: write.event },
    },
  ];
  write.grants.forEach(({ reward, issuedEvent }, i) => {
    // A grant key seen before (re-qualified after an unqualify) inserts no reward and no event.
    inserts.push({
      name: `reward_${i}`,
      from: "qualified",
      table: rewards,
      row: reward,
      suffix: sql`on conflict (campaign_id, grant_key) do nothing returning id`,
    });
    if (issuedEvent) {
      const row = { teamId: reward.teamId, campaignId: reward.campaignId, type: "reward.issued", data: issuedEvent };
      inserts.push({ name: `reward_${i}_issued`, from: `reward_${i}`, table: outboxEvents, row });
    }
  });
  write.alsoInsert?.forEach(({ table, row }, i) => inserts.push({ name: `also_${i}`, from: "qualified", table, row }));

  const columns = inserts.map(({ table, row }) =>
    presentKeys(table, row).map((key) => ({ key, column: getTableColumns(table)[key]! })),
  );
  const ordered: unknown[] = inserts.flatMap(({ row }, i) =>
    columns[i]!.map(({ key, column }) =>
      column.dataType === "json" && row[key] !== null ? JSON.stringify(row[key]) : row[key],
    ),
  );
  ordered.push(lead.qualifiedAt, lead.id, lead.teamId);
  const values = Object.fromEntries(
    ordered.map((value, i) => [`v${i}`, value instanceof Date ? value.toISOString() : value]),
  );
  const shape = [
    write.grants.map((g) => (g.issuedEvent ? "i" : "r")).join("") || "0",
    ...inserts.slice(1).map(({ table }, i) => `${getTableName(table)}(${columns[i + 1]!.map((c) => c.key).join(",")})`),
  ].join("_");

  const build = (db: Db) => {
    let n = 0;
    const bind = (type: string) => sql`${sql.placeholder(`v${n++}`)}::${sql.raw(type)}`;
    const writes = inserts.map(({ name, from, table, suffix }, i) => {
      const names = columns[i]!.map(({ column }) => sql.identifier(column.name));
      const binds = columns[i]!.map(({ column }) => bind(column.getSQLType()));
      return db
        .$with(name, {})
        .as(
          sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(binds, sql`, `)} from ${sql.raw(from)} ${suffix ?? sql``}`,
        );
    });
    const qualified = db.$with("qualified", { id: sql<string>`id`.as("id") }).as(
      sql`update participants set status = 'qualified', qualified_at = ${bind("timestamptz")}
          where id = ${bind("uuid")} and team_id = ${bind("uuid")} and kind = 'lead' and status = 'pending'
          returning id`,
    );
    return db
      .with(qualified, ...writes)
      .select({ id: qualified.id })
      .from(qualified);
  };
  return { values, shape, build };
}

/** The row's columns that are set: the others keep their defaults. */
const presentKeys = (table: PgTable, row: Record<string, unknown>) =>
  Object.keys(row).filter((key) => key in getTableColumns(table) && row[key] !== undefined);
