import { eq, sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { deliveries } from "@/db/schema";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { median } from "../helpers/run-concurrently";
import { seedWebhooks } from "./seed";

/**
 * Fan-out of fresh events to `webhooks` webhooks through createDeliveriesForEvent, alternating
 * with one set-based INSERT … SELECT of the same rows; each run is checked (one delivery per
 * webhook, and a re-run creates nothing). Returns the median times.
 */
export async function runFanOut(db: Db, receiverUrl: string, webhooks: number, runs: number) {
  const fan = await seedWebhooks(db, receiverUrl, webhooks);
  const fanOutMs: number[] = [];
  const insertSelectMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const forFanOut = await fan.newEvent();
    let t0 = performance.now();
    const dispatches = await createDeliveriesForEvent(db, forFanOut.id);
    fanOutMs.push(performance.now() - t0);
    const again = await createDeliveriesForEvent(db, forFanOut.id);
    const rows = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.eventId, forFanOut.id));
    const distinct = new Set(dispatches.map((d) => d.deliveryId)).size;
    if ([dispatches.length, distinct, rows.length, again.length].some((n) => n !== webhooks)) {
      throw new Error(`fan-out: ${dispatches.length} dispatches (${distinct} distinct), ${rows.length} rows, ${again.length} on re-run, for ${webhooks} webhooks`);
    }

    const forInsert = await fan.newEvent();
    t0 = performance.now();
    await db.execute(sql`
      insert into deliveries (team_id, webhook_id, event_id, event_type)
      select w.team_id, w.id, e.id, e.type from outbox_events e join webhooks w on w.campaign_id = e.campaign_id and w.event = e.type
      where e.id = ${forInsert.id}`);
    insertSelectMs.push(performance.now() - t0);
    const [inserted] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from deliveries where event_id = ${forInsert.id}`);
    if (inserted!.n !== webhooks) throw new Error(`INSERT … SELECT made ${inserted!.n} rows`);
  }
  return { fanOutMs: median(fanOutMs), insertSelectMs: median(insertSelectMs) };
}

export function printFanOutTable(result: { fanOutMs: number; insertSelectMs: number }): void {
  console.log("| path | median | ratio (goal ≤ 1.5×) |");
  console.log("|---|---:|---:|");
  console.log(`| \`createDeliveriesForEvent\` | ${result.fanOutMs.toFixed(1)} ms | ${(result.fanOutMs / result.insertSelectMs).toFixed(2)}× |`);
  console.log(`| floor: one \`INSERT … SELECT\` | ${result.insertSelectMs.toFixed(1)} ms | 1.00× |`);
}
