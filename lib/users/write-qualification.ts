import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { selectRows, type Db } from "@/db/client";
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
 */
export async function writeQualification(db: Db, write: QualificationWrite): Promise<boolean> {
  const { lead } = write;
  const ctes: SQL[] = [
    sql`qualified as (
      update participants set status = 'qualified', qualified_at = ${lead.qualifiedAt!.toISOString()}::timestamptz
      where id = ${lead.id}::uuid and team_id = ${lead.teamId}::uuid and kind = 'lead' and status = 'pending'
      returning id)`,
    sql`event as (${insertFrom("qualified", outboxEvents, { teamId: lead.teamId, campaignId: lead.campaignId, type: "lead.qualified", data: write.event })})`,
  ];
  write.grants.forEach(({ reward, issuedEvent }, i) => {
    const granted = sql.raw(`reward_${i}`);
    // A grant key seen before (re-qualified after an unqualify) inserts no reward and no event.
    ctes.push(sql`${granted} as (${insertFrom("qualified", rewards, reward)} on conflict (campaign_id, grant_key) do nothing returning id)`);
    if (issuedEvent) {
      const row = { teamId: reward.teamId, campaignId: reward.campaignId, type: "reward.issued", data: issuedEvent };
      ctes.push(sql`${sql.raw(`reward_${i}_issued`)} as (${insertFrom(`reward_${i}`, outboxEvents, row)})`);
    }
  });
  write.alsoInsert?.forEach(({ table, row }, i) => ctes.push(sql`${sql.raw(`also_${i}`)} as (${insertFrom("qualified", table, row)})`));

  const [result] = await selectRows<{ changed: boolean }>(db, sql`with ${sql.join(ctes, sql`, `)} select exists (select 1 from qualified) as changed`);
  return result?.changed === true;
}

/** `insert into <table> (…) select <row> from <source>`: one row per row of the source CTE. */
function insertFrom(source: string, table: PgTable, row: Record<string, unknown>): SQL {
  const columns = getTableColumns(table);
  const keys = Object.keys(row).filter((key) => key in columns && row[key] !== undefined);
  const names = keys.map((key) => sql.identifier(columns[key]!.name));
  const values = keys.map((key) => {
    const column = columns[key]!;
    const value = row[key];
    const param = value instanceof Date ? value.toISOString() : column.dataType === "json" && value !== null ? JSON.stringify(value) : value;
    return sql`${param}::${sql.raw(column.getSQLType())}`;
  });
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} from ${sql.raw(source)}`;
}
