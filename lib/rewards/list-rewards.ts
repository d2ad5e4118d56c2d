import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { participants, rewards, type Participant, type Reward } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { pageWindow, takePage } from "@/lib/tables/list-params";

/** A reward with its recipient and lead; either is null once that person was deleted. */
export type RewardRow = Pick<Reward, "id" | "description" | "status" | "createdAt" | "issuedAt"> & {
  recipient: Pick<Participant, "id" | "firstName" | "email" | "kind"> | null;
  lead: Pick<Participant, "id" | "firstName" | "email"> | null;
};

const recipients = alias(participants, "recipient");
const leads = alias(participants, "lead");

/** What narrows the Rewards table to its rows, whatever the page. */
export type RewardFilter = { status?: Reward["status"] };

/** The WHERE of the Rewards table's filters, team included: shared by the page, its count and its export. */
export function rewardFilters(teamId: string, campaignId: string, { status }: RewardFilter): SQL {
  return ownedBy(
    rewards,
    teamId,
    and(eq(rewards.campaignId, campaignId), status ? eq(rewards.status, status) : undefined),
  );
}

export async function listRewards(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: RewardFilter & { page: number; pageSize: number },
): Promise<{ rows: RewardRow[]; hasNextPage: boolean }> {
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await db
    .select({
      id: rewards.id,
      description: rewards.description,
      status: rewards.status,
      createdAt: rewards.createdAt,
      issuedAt: rewards.issuedAt,
      recipient: { id: recipients.id, firstName: recipients.firstName, email: recipients.email, kind: recipients.kind },
      leadId: leads.id,
      leadFirstName: leads.firstName,
      leadEmail: leads.email,
    })
    .from(rewards)
    .leftJoin(recipients, eq(recipients.id, rewards.recipientId))
    .leftJoin(leads, eq(leads.id, rewards.leadId))
    .where(rewardFilters(teamId, campaignId, query))
    .orderBy(desc(rewards.createdAt), desc(rewards.id))
    .limit(limit)
    .offset(offset);
  const page = takePage(rows, query.pageSize);
  return {
    hasNextPage: page.hasNextPage,
    rows: page.rows.map(({ leadId, leadFirstName, leadEmail, ...row }) => ({
      ...row,
      lead: leadId ? { id: leadId, firstName: leadFirstName!, email: leadEmail! } : null,
    })),
  };
}

/** How many rewards the table's filters match, on every page: what an export of it will hold. */
export async function countRewards({ db, teamId }: TeamContext, campaignId: string, filter: RewardFilter) {
  const [row] = await db
    .select({ n: count() })
    .from(rewards)
    .where(rewardFilters(teamId, campaignId, filter));
  return row?.n ?? 0;
}
