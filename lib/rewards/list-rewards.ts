import { and, desc, eq } from "drizzle-orm";
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

export async function listRewards(
  { db, teamId }: TeamContext,
  campaignId: string,
  query: { status?: "due" | "issued"; page: number; pageSize: number },
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
    .where(
      ownedBy(
        rewards,
        teamId,
        and(eq(rewards.campaignId, campaignId), query.status ? eq(rewards.status, query.status) : undefined),
      ),
    )
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
