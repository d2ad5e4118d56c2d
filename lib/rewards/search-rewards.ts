import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { rewards, type Reward } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { pageWindow, takePage } from "@/lib/tables/list-params";

/** The API's reward listing across the team's campaigns. */
export async function searchRewards(
  { db, teamId }: TeamContext,
  search: { campaignId?: string; status?: "due" | "issued"; page: number; perPage: number },
): Promise<{ rows: Reward[]; total: number; hasNextPage: boolean }> {
  const where = ownedBy(
    rewards,
    teamId,
    and(
      search.campaignId ? eq(rewards.campaignId, search.campaignId) : undefined,
      search.status ? eq(rewards.status, search.status) : undefined,
    ),
  );
  const { limit, offset } = pageWindow(search.page, search.perPage);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(rewards)
      .where(where)
      .orderBy(desc(rewards.createdAt), desc(rewards.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(rewards)
      .where(where),
  ]);
  return { ...takePage(rows, search.perPage), total: count?.n ?? 0 };
}
