import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

/**
 * After a round: one attempt row per attempt made, no delivery attempted twice, and (for
 * performDeliveryAttempt) every attempted delivery delivered exactly once.
 */
export async function verifyRound(
  db: Db,
  deliveryIds: string[],
  expect: { requestsReceived: number; settled: boolean },
): Promise<void> {
  const ids = sql`array[${sql.join(
    deliveryIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const [counts] = await selectRows<{ attempts: number; attempted: number; delivered: number }>(
    db,
    sql`select
          (select count(*)::int from delivery_attempts where delivery_id = any(${ids})) as attempts,
          (select count(distinct delivery_id)::int from delivery_attempts where delivery_id = any(${ids})) as attempted,
          (select count(*)::int from deliveries where id = any(${ids}) and status = 'delivered' and attempt_count = 1) as delivered`,
  );
  const problems = [
    counts!.attempts !== deliveryIds.length && `${counts!.attempts} attempt rows for ${deliveryIds.length} attempts`,
    counts!.attempted !== deliveryIds.length && `${counts!.attempted} deliveries attempted of ${deliveryIds.length}`,
    expect.settled &&
      counts!.delivered !== deliveryIds.length &&
      `${counts!.delivered} of ${deliveryIds.length} deliveries delivered once`,
    expect.requestsReceived !== deliveryIds.length &&
      `the receiver got ${expect.requestsReceived} requests for ${deliveryIds.length} attempts`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`lost or doubled: ${problems.join("; ")}`);
}
