import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { outboxEvents, rewards, type Participant } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
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
 *
 * `prepare` keeps the statement built per `db` and shape (how many rewards, which extra rows), so
 * the hot path only binds values.
 */
export async function writeQualification(db: Db, write: QualificationWrite, { prepare = false } = {}): Promise<boolean> {
  const { values, shape, build } = describeWrite(write);
  const query = prepare ? preparedFor(db, shape, () => build(db).prepare(`write_qualification_${shape}`)) : build(db);
  const rows = await query.execute(values);
  return rows.length > 0;
}

const preparedByDb = new WeakMap<Db, Map<string, { execute: (values: Record<string, unknown>) => Promise<unknown[]> }>>();

function preparedFor<T extends { execute: (values: Record<string, unknown>) => Promise<unknown[]> }>(db: Db, shape: string, prepare: () => T): T {
  let byShape = preparedByDb.get(db);
  if (!byShape) preparedByDb.set(db, (byShape = new Map()));
  let prepared = byShape.get(shape);
  if (!prepared) byShape.set(shape, (prepared = prepare()));
  return prepared as T;
}

/** The statement as placeholders (the same for every write of one shape) and the values to bind. */
function describeWrite(write: QualificationWrite) {
  const values: Record<string, unknown> = {};
  const bind = (value: unknown, type: string): SQL => {
    const name = `v${Object.keys(values).length}`;
    values[name] = value instanceof Date ? value.toISOString() : value;
    return sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  };
  const { lead } = write;
  const parts: { name: string; body: SQL }[] = [
    {
      name: "event",
      body: insertFrom("qualified", outboxEvents, { teamId: lead.teamId, campaignId: lead.campaignId, type: "lead.qualified", data: write.event }, bind),
    },
  ];
  write.grants.forEach(({ reward, issuedEvent }, i) => {
    // A grant key seen before (re-qualified after an unqualify) inserts no reward and no event.
    parts.push({ name: `reward_${i}`, body: sql`${insertFrom("qualified", rewards, reward, bind)} on conflict (campaign_id, grant_key) do nothing returning id` });
    if (issuedEvent) {
      const row = { teamId: reward.teamId, campaignId: reward.campaignId, type: "reward.issued", data: issuedEvent };
      parts.push({ name: `reward_${i}_issued`, body: insertFrom(`reward_${i}`, outboxEvents, row, bind) });
    }
  });
  write.alsoInsert?.forEach(({ table, row }, i) => parts.push({ name: `also_${i}`, body: insertFrom("qualified", table, row, bind) }));
  const qualifiedAt = bind(lead.qualifiedAt, "timestamptz");
  const leadId = bind(lead.id, "uuid");
  const teamId = bind(lead.teamId, "uuid");

  const shape = [
    write.grants.map((g) => (g.issuedEvent ? "i" : "r")).join("") || "0",
    ...(write.alsoInsert ?? []).map(({ table, row }) => `${getTableName(table)}(${presentKeys(table, row).join(",")})`),
  ].join("_");
  const build = (db: Db) => {
    const qualified = db
      .$with("qualified", { id: sql<string>`id`.as("id") })
      .as(
        sql`update participants set status = 'qualified', qualified_at = ${qualifiedAt}
          where id = ${leadId} and team_id = ${teamId} and kind = 'lead' and status = 'pending'
          returning id`,
      );
    const writes = parts.map(({ name, body }) => db.$with(name, {}).as(body));
    return db.with(qualified, ...writes).select({ id: qualified.id }).from(qualified);
  };
  return { values, shape, build };
}

/** `insert into <table> (…) select <row> from <source>`: one row per row of the source CTE. */
function insertFrom(source: string, table: PgTable, row: Record<string, unknown>, bind: (value: unknown, type: string) => SQL): SQL {
  const columns = getTableColumns(table);
  const keys = presentKeys(table, row);
  const names = keys.map((key) => sql.identifier(columns[key]!.name));
  const values = keys.map((key) => {
    const column = columns[key]!;
    const value = row[key];
    return bind(column.dataType === "json" && value !== null ? JSON.stringify(value) : value, column.getSQLType());
  });
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} from ${sql.raw(source)}`;
}

/** The row's columns that are set: the others keep their defaults. */
const presentKeys = (table: PgTable, row: Record<string, unknown>) => Object.keys(row).filter((key) => key in getTableColumns(table) && row[key] !== undefined);
