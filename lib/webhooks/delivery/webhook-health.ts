import "server-only";
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhooks } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/audit-actions";
import { SYSTEM_ACTOR } from "@/lib/audit/audit-actor";
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
function updateWebhookHealth(db: Db, change: WebhookChange, onlyIf: SQL) {
  const update = db.update(webhooks);
  const thisWebhook = eq(webhooks.id, sql.placeholder("webhookId"));
  const at = sql`${sql.placeholder("at")}::timestamptz`;
  if (change === "reset-failures") {
    // Most deliveries succeed while the count is already 0: skipping those writes means
    // concurrent successes never queue on this one row's lock.
    return update
      .set({ consecutiveFailures: 0 })
      .where(and(thisWebhook, ne(webhooks.consecutiveFailures, 0), onlyIf))
      .returning({ id: webhooks.id });
  }
  // The row as it was, locked before the update (so it is the latest version, whatever committed
  // meanwhile): RETURNING sees only the new row, and the audit log needs to know whether it was
  // this statement that disabled the webhook.
  const before = db
    .select({ id: webhooks.id, status: webhooks.status })
    .from(webhooks)
    .where(thisWebhook)
    .for("update")
    .as("before");
  const returning = {
    id: webhooks.id,
    teamId: webhooks.teamId,
    name: webhooks.name,
    disabledReason: webhooks.disabledReason,
    disabledNow: sql<boolean>`${before.status} = 'active' and ${webhooks.status} = 'disabled'`.as("disabled_now"),
  };
  if (change === "disable-gone") {
    return update
      .set({ status: "disabled", disabledReason: "The endpoint answered 410 Gone", disabledAt: at })
      .from(before)
      .where(and(thisWebhook, eq(webhooks.id, before.id), onlyIf))
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
    .from(before)
    .where(and(thisWebhook, eq(webhooks.id, before.id), onlyIf))
    .returning(returning);
}

const DISABLED: AuditAction = "webhook.disabled";

/**
 * The statements of a change, for the attempt's one statement: the webhook UPDATE and, when the
 * change can disable the webhook, the audit entry of a webhook it did disable, by the system
 * (lib/audit), committed with it. Another attempt that finds it already disabled writes none.
 */
export function webhookHealthStatements(db: Db, change: WebhookChange, onlyIf: SQL) {
  const changed = db.$with("webhook_change").as(updateWebhookHealth(db, change, onlyIf));
  if (change === "reset-failures") return [changed];
  const { kind, label } = SYSTEM_ACTOR;
  const audited = db.$with("webhook_disabled", {}).as(
    sql`insert into audit_events (team_id, actor_kind, actor_label, action, subject_type, subject_id, subject_label, details)
        select team_id, ${kind}::audit_actor_kind, ${label}::text, ${DISABLED}::text, 'webhook', id::text, name,
               jsonb_build_object('reason', disabled_reason)
        from ${changed} where disabled_now`,
  );
  return [changed, audited];
}
