import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { deliveries, deliveryAttempts, type Delivery, type DeliveryAttempt } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { pageWindow, takePage } from "@/lib/tables/list-params";

export type DeliveryRow = Pick<
  Delivery,
  | "id"
  | "eventType"
  | "isTest"
  | "status"
  | "attemptCount"
  | "lastResponseStatus"
  | "lastError"
  | "nextAttemptAt"
  | "createdAt"
  | "completedAt"
>;

/** A webhook's delivery log, newest first. */
export async function listDeliveries(
  ctx: TeamContext,
  webhookId: string,
  query: { page: number; pageSize: number; status?: Delivery["status"] },
): Promise<{ rows: DeliveryRow[]; hasNextPage: boolean }> {
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await ctx.db
    .select({
      id: deliveries.id,
      eventType: deliveries.eventType,
      isTest: deliveries.isTest,
      status: deliveries.status,
      attemptCount: deliveries.attemptCount,
      lastResponseStatus: deliveries.lastResponseStatus,
      lastError: deliveries.lastError,
      nextAttemptAt: deliveries.nextAttemptAt,
      createdAt: deliveries.createdAt,
      completedAt: deliveries.completedAt,
    })
    .from(deliveries)
    .where(
      ownedBy(
        deliveries,
        ctx.teamId,
        and(eq(deliveries.webhookId, webhookId), query.status ? eq(deliveries.status, query.status) : undefined),
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(limit)
    .offset(offset);
  return takePage(rows, query.pageSize);
}

/** A delivery's attempts, first to last; header values were masked when they were recorded. */
export async function listAttempts(ctx: TeamContext, deliveryId: string): Promise<DeliveryAttempt[]> {
  return ctx.db
    .select()
    .from(deliveryAttempts)
    .where(ownedBy(deliveryAttempts, ctx.teamId, eq(deliveryAttempts.deliveryId, deliveryId)))
    .orderBy(asc(deliveryAttempts.attemptNumber));
}
