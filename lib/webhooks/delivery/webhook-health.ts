import "server-only";
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhooks } from "@/db/schema";
import type { AttemptOutcome } from "../classify-attempt";
import { FAILURE_DISABLE_THRESHOLD } from "../policy";

/** What a settled delivery does to its webhook's health. */
export type WebhookChange = "reset-failures" | "count-failure" | "disable-gone";

/**
 * Delivered resets the consecutive-failure count, a failed delivery (schedule used up) counts
 * against it, 410 Gone disables at once; an attempt that will be retried changes nothing.
 */
export function webhookChangeAfter(
  outcome: AttemptOutcome,
  final: "delivered" | "failed" | null,
): WebhookChange | null {
  if (outcome.kind === "gone") return "disable-gone";
  if (final === "delivered") return "reset-failures";
  if (final === "failed") return "count-failure";
  return null;
}

/**
 * The webhook UPDATE for a change, to run inside the statement that records the attempt and
 * only when `onlyIf` holds (the delivery still exists). Placeholders: `webhookId`, `at`. Each
 * is a single-row update that reads the current count under the row lock, so concurrent
 * deliveries count exactly.
 */
export function updateWebhookHealth(db: Db, change: WebhookChange, onlyIf: SQL) {
  const update = db.update(webhooks);
  const thisWebhook = eq(webhooks.id, sql.placeholder("webhookId"));
  const at = sql`${sql.placeholder("at")}::timestamptz`;
  const returning = { id: webhooks.id };
  if (change === "disable-gone") {
    return update
      .set({ status: "disabled", disabledReason: "The endpoint answered 410 Gone", disabledAt: at })
      .where(and(thisWebhook, onlyIf))
      .returning(returning);
  }
  if (change === "reset-failures") {
    // Most deliveries succeed while the count is already 0: skipping those writes means
    // concurrent successes never queue on this one row's lock.
    return update
      .set({ consecutiveFailures: 0 })
      .where(and(thisWebhook, ne(webhooks.consecutiveFailures, 0), onlyIf))
      .returning(returning);
  }
  // Right-hand sides read the row before this update: `failures` is the new count.
  const failures = sql`${webhooks.consecutiveFailures} + 1`;
  const reachesLimit = sql`${failures} >= ${FAILURE_DISABLE_THRESHOLD}`;
  const disablesNow = sql`${webhooks.status} = 'active' and ${reachesLimit}`;
  return update
    .set({
      consecutiveFailures: failures,
      status: sql`case when ${reachesLimit} then 'disabled'::webhook_status else ${webhooks.status} end`,
      disabledReason: sql`case when ${disablesNow} then (${failures}) || ' deliveries in a row failed' else ${webhooks.disabledReason} end`,
      disabledAt: sql`case when ${disablesNow} then ${at} else ${webhooks.disabledAt} end`,
    })
    .where(and(thisWebhook, onlyIf))
    .returning(returning);
}
