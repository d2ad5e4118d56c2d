import { eq, sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { deliveries } from "@/db/schema";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { startCpuMeasure } from "../helpers/cpu-usage";
import { median } from "../helpers/run-concurrently";
import { seedWebhooks } from "./seed";

/**
 * Fan-out of fresh events to `webhooks` webhooks through createDeliveriesForEvent, alternating
 * with one set-based INSERT … SELECT of the same rows; each run is checked (one delivery per
 * webhook, and a re-run creates nothing). Returns the median wall times and PostgreSQL CPU.
 */
export async function runFanOut(db: Db, receiverUrl: string, webhooks: number, runs: number) {
  const fan = await seedWebhooks(db, receiverUrl, webhooks);
  const times = { fanOut: [] as number[], insertSelect: [] as number[] };
  const cpu = { fanOut: [] as number[], insertSelect: [] as number[] };
  const timed = async <T>(path: keyof typeof times, work: () => Promise<T>): Promise<T> => {
    const measure = await startCpuMeasure(db);
    const t0 = performance.now();
    const result = await work();
    times[path].push(performance.now() - t0);
    cpu[path].push(measure.stop().serverMs);
    return result;
  };
  for (let run = 0; run < runs; run++) {
    const forFanOut = await fan.newEvent();
    const dispatches = await timed("fanOut", () => createDeliveriesForEvent(db, forFanOut.id));
    const again = await createDeliveriesForEvent(db, forFanOut.id);
    const rows = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.eventId, forFanOut.id));
    const distinct = new Set(dispatches.map((d) => d.deliveryId)).size;
    if ([dispatches.length, distinct, rows.length, again.length].some((n) => n !== webhooks)) {
      throw new Error(
        `fan-out: ${dispatches.length} dispatches (${distinct} distinct), ${rows.length} rows, ${again.length} on re-run, for ${webhooks} webhooks`,
      );
    }

    const forInsert = await fan.newEvent();
    await timed("insertSelect", () =>
      db.execute(sql`
        insert into deliveries (team_id, webhook_id, event_id, event_type)
        select w.team_id, w.id, e.id, e.type from outbox_events e join webhooks w on w.campaign_id = e.campaign_id and w.event = e.type
        where e.id = ${forInsert.id}`),
    );
    const [inserted] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from deliveries where event_id = ${forInsert.id}`,
    );
    if (inserted!.n !== webhooks) throw new Error(`INSERT … SELECT made ${inserted!.n} rows`);
  }
  return {
    fanOut: { ms: median(times.fanOut), postgresCpuMs: median(cpu.fanOut) },
    insertSelect: { ms: median(times.insertSelect), postgresCpuMs: median(cpu.insertSelect) },
  };
}

export function printFanOutTable(result: Awaited<ReturnType<typeof runFanOut>>): void {
  const floor = result.insertSelect;
  console.log("| path | median | ratio (goal ≤ 1.5×) | PostgreSQL CPU (median) |");
  console.log("|---|---:|---:|---:|");
  for (const [label, s] of [
    ["`createDeliveriesForEvent`", result.fanOut],
    ["floor: one `INSERT … SELECT`", floor],
  ] as const) {
    console.log(
      `| ${label} | ${s.ms.toFixed(1)} ms | ${(s.ms / floor.ms).toFixed(2)}× | ${s.postgresCpuMs.toFixed(0)} ms |`,
    );
  }
}
