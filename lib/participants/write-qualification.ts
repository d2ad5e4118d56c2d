import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { onDriver, preparedPerDb } from "@/db/prepared";
import { outboxEvents, rewards, type Participant } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
import { queueForRelay, RETURNING_QUEUED } from "@/lib/outbox/record-event";
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
 * runs it atomically, so the change and its events (queued for the relay) commit together
 * without a transaction's extra round trips. Every insert selects from the conditional UPDATE, so
 * when a concurrent call qualified the lead first nothing at all is written. Returns whether this
 * call qualified it. It inserts and queues its events itself (the outbox table's one writer
 * besides `recordEvent`), so it notes the write for the relay too.
 *
 * `prepare` keeps the statement built per `db` and shape (how many rewards, which extra rows), so
 * the hot path only binds values.
 */
export async function writeQualification(
  db: Db,
  write: QualificationWrite,
  { prepare = false } = {},
): Promise<boolean> {
  const inserts = insertsOf(write);
  const plan = planFor(inserts, write.grants);
  const values = valuesFor(plan, inserts, write.lead);
  const query = prepare
    ? preparedFor(db, plan.shape, () =>
        onDriver(buildStatement(db, plan, inserts).prepare(`write_qualification_${plan.shape}`)),
      )
    : buildStatement(db, plan, inserts);
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

/** The statement's inserts: the event first, then each reward (and its event), then the caller's rows. */
function insertsOf(write: QualificationWrite): Insert[] {
  const { lead } = write;
  const inserts: Insert[] = [
    {
      name: "event",
      from: "qualified",
      table: outboxEvents,
      row: { teamId: lead.teamId, campaignId: lead.campaignId, type: "lead.qualified", data: write.event },
      suffix: RETURNING_QUEUED,
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
      inserts.push({
        name: `reward_${i}_issued`,
        from: `reward_${i}`,
        table: outboxEvents,
        row,
        suffix: RETURNING_QUEUED,
      });
    }
  });
  write.alsoInsert?.forEach(({ table, row }, i) => inserts.push({ name: `also_${i}`, from: "qualified", table, row }));
  return inserts;
}

/** What a shape of write binds: per insert, the row keys it sets and their columns. */
type WritePlan = { shape: string; columns: { key: string; column: PgColumn }[][]; placeholders: string[] };
const plans = new Map<string, WritePlan>();

/**
 * Writes of one shape (how many rewards, which extra rows with which keys set) share one
 * statement, so its columns are worked out once per shape and the hot path only reads values.
 */
function planFor(inserts: Insert[], grants: RewardGrant[]): WritePlan {
  const keys = inserts.map(({ table, row }) => presentKeys(table, row));
  const shape = [
    grants.map((g) => (g.issuedEvent ? "i" : "r")).join("") || "0",
    ...inserts.slice(1).map(({ table }, i) => `${getTableName(table)}(${keys[i + 1]!.join(",")})`),
  ].join("_");
  let plan = plans.get(shape);
  if (!plan) {
    const columns = inserts.map(({ table }, i) =>
      keys[i]!.map((key) => ({ key, column: getTableColumns(table)[key] as PgColumn })),
    );
    const count = columns.reduce((n, c) => n + c.length, 0) + 3; // and the UPDATE's three
    plan = { shape, columns, placeholders: Array.from({ length: count }, (_, i) => `v${i}`) };
    plans.set(shape, plan);
  }
  return plan;
}

/** The values to bind, in the statement's order: the inserts' columns, then the UPDATE's. */
function valuesFor(plan: WritePlan, inserts: Insert[], lead: Participant): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  let n = 0;
  const bind = (value: unknown) =>
    (values[plan.placeholders[n++]!] = value instanceof Date ? value.toISOString() : value);
  inserts.forEach(({ row }, i) => {
    for (const { key, column } of plan.columns[i]!)
      bind(column.dataType === "json" && row[key] !== null ? JSON.stringify(row[key]) : row[key]);
  });
  bind(lead.qualifiedAt);
  bind(lead.id);
  bind(lead.teamId);
  return values;
}

/** The statement for a plan, as placeholders; only this makes SQL objects. */
function buildStatement(db: Db, plan: WritePlan, inserts: Insert[]) {
  let n = 0;
  const bind = (type: string) => sql`${sql.placeholder(plan.placeholders[n++]!)}::${sql.raw(type)}`;
  const writes = inserts.flatMap(({ name, from, table, suffix }, i) => {
    const columns = plan.columns[i]!;
    const names = columns.map(({ column }) => sql.identifier(column.name));
    const binds = columns.map(({ column }) => bind(column.getSQLType()));
    const insert = db
      .$with(name, {})
      .as(
        sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(binds, sql`, `)} from ${sql.raw(from)} ${suffix ?? sql``}`,
      );
    return table === outboxEvents ? [insert, db.$with(`${name}_queued`, {}).as(queueForRelay(name))] : [insert];
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
}

/** The row's columns that are set: the others keep their defaults. */
const presentKeys = (table: PgTable, row: Record<string, unknown>) =>
  Object.keys(row).filter((key) => key in getTableColumns(table) && row[key] !== undefined);
