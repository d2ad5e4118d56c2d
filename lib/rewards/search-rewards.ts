import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { rewards, type Reward } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { afterCursor } from "@/lib/api/cursor";
import { pageWindow, takePage } from "@/lib/tables/list-params";

/** The API's reward listing across the team's campaigns. */
export async function searchRewards(
  { db, teamId }: TeamContext,
  search: { campaignId?: string; status?: "due" | "issued"; page: number; perPage: number; startingAfter?: string },
): Promise<{ rows: Reward[]; total: number; hasNextPage: boolean } | { unknownCursor: true }> {
  const where = ownedBy(
    rewards,
    teamId,
    and(
      search.campaignId ? eq(rewards.campaignId, search.campaignId) : undefined,
      search.status ? eq(rewards.status, search.status) : undefined,
    ),
  );
  const after = search.startingAfter
    ? await afterCursor(db, teamId, rewards, rewards.createdAt, search.startingAfter)
    : undefined;
  if (after === null) return { unknownCursor: true };
  const { limit, offset } = pageWindow(after ? 1 : search.page, search.perPage);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(rewards)
      .where(and(where, after))
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
