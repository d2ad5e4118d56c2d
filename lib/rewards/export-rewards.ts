import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { participants, rewards, type Campaign, type Participant, type Reward } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { EXPORT_BATCH_ROWS, type CsvColumn, type CsvExport } from "@/lib/exports/csv-export";
import { countRewards, rewardFilters, type RewardFilter } from "./list-rewards";

const recipients = alias(participants, "recipient");
const leads = alias(participants, "lead");

type Row = Pick<Reward, "id" | "description" | "status" | "createdAt" | "issuedAt"> & {
  recipientId: string | null;
  recipientType: Participant["kind"] | null;
  recipientFirstName: string | null;
  recipientEmail: string | null;
  leadId: string | null;
  leadFirstName: string | null;
  leadEmail: string | null;
  /** created_at as text: exact to the microsecond, unlike a JS Date (see export-participants.ts). */
  cursor: string;
};

/** The Rewards table's order (newest first, then the id), read a keyset batch at a time. */
async function* rewardBatches(
  { db, teamId }: TeamContext,
  campaignId: string,
  filter: RewardFilter,
): AsyncGenerator<Row[]> {
  let cursor: { createdAt: string; id: string } | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: rewards.id,
        description: rewards.description,
        status: rewards.status,
        createdAt: rewards.createdAt,
        issuedAt: rewards.issuedAt,
        recipientId: recipients.id,
        recipientType: recipients.kind,
        recipientFirstName: recipients.firstName,
        recipientEmail: recipients.email,
        leadId: leads.id,
        leadFirstName: leads.firstName,
        leadEmail: leads.email,
        cursor: sql<string>`${rewards.createdAt}::text`,
      })
      .from(rewards)
      .leftJoin(recipients, eq(recipients.id, rewards.recipientId))
      .leftJoin(leads, eq(leads.id, rewards.leadId))
      .where(
        and(
          rewardFilters(teamId, campaignId, filter),
          cursor
            ? sql`(${rewards.createdAt}, ${rewards.id}) < (cast(${cursor.createdAt} as timestamptz), cast(${cursor.id} as uuid))`
            : undefined,
        ),
      )
      .orderBy(desc(rewards.createdAt), desc(rewards.id))
      .limit(EXPORT_BATCH_ROWS);
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH_ROWS) return;
    const last = rows[rows.length - 1]!;
    cursor = { createdAt: last.cursor, id: last.id };
  }
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** What the Rewards table shows, with ids; a deleted person's columns are empty, as the table says "Deleted person". */
const REWARD_COLUMNS: CsvColumn<Row>[] = [
  { header: "id", value: (r) => r.id },
  { header: "reward", value: (r) => r.description },
  { header: "status", value: (r) => r.status },
  { header: "recipient_id", value: (r) => r.recipientId },
  { header: "recipient_type", value: (r) => r.recipientType },
  { header: "recipient_first_name", value: (r) => r.recipientFirstName },
  { header: "recipient_email", value: (r) => r.recipientEmail },
  { header: "lead_id", value: (r) => r.leadId },
  { header: "lead_first_name", value: (r) => r.leadFirstName },
  { header: "lead_email", value: (r) => r.leadEmail },
  { header: "earned_at", value: (r) => iso(r.createdAt) },
  { header: "issued_at", value: (r) => iso(r.issuedAt) },
];

/** The Rewards table as CSV: every reward its status filter matches (all pages), newest first. */
export async function exportRewards(
  ctx: TeamContext,
  campaign: Pick<Campaign, "id">,
  filter: RewardFilter,
): Promise<CsvExport<Row>> {
  return {
    table: "rewards",
    columns: REWARD_COLUMNS,
    total: await countRewards(ctx, campaign.id, filter),
    batches: rewardBatches(ctx, campaign.id, filter),
  };
}
