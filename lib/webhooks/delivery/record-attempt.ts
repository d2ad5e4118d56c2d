import "server-only";
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { deliveries, deliveryAttempts, type Delivery, type DeliveryAttempt } from "@/db/schema";
import { failureReason } from "../failure-reason";
import type { AttemptResult } from "../send-webhook-request";
import type { LoggedRequest } from "./build-request";
import { webhookHealthStatements, type WebhookChange } from "./webhook-health";

export type AttemptRecord = {
  delivery: Pick<Delivery, "id" | "teamId" | "webhookId">;
  method: string;
  startedAt: Date;
  logged: LoggedRequest;
  result: AttemptResult;
  outcome: DeliveryAttempt["outcome"];
  /** The delivery after this attempt. */
  settle: { status: "retrying" | "delivered" | "failed"; nextAttemptAt: Date | null; at: Date };
  webhookChange?: WebhookChange | null;
};

const value = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * One statement: the delivery moves on (attempt count + 1, status, last result), the webhook
 * change if any, and the attempt row numbered from the delivery's new count. The count is read
 * under the delivery's row lock, so two runs that raced on one delivery each get their own
 * number instead of one of them being lost.
 */
function prepareRecord(db: Db, change: WebhookChange | null) {
  const settled = db.$with("settled").as(
    db
      .update(deliveries)
      .set({
        status: value("status"),
        attemptCount: sql`${deliveries.attemptCount} + 1`,
        nextAttemptAt: value("nextAttemptAt"),
        lastResponseStatus: value("responseStatus"),
        lastError: value("error"),
        updatedAt: value("at"),
        completedAt: value("completedAt"),
      })
      .where(eq(deliveries.id, sql.placeholder("deliveryId")))
      .returning({ attemptNumber: deliveries.attemptCount }),
  );
  const webhookChange = change ? webhookHealthStatements(db, change, sql`exists (select 1 from ${settled})`) : [];
  return db
    .with(settled, ...webhookChange)
    .insert(deliveryAttempts)
    .values({
      teamId: sql.placeholder("teamId"),
      deliveryId: sql.placeholder("deliveryId"),
      webhookId: sql.placeholder("webhookId"),
      // Null, and so refused, only when the delivery was deleted (with its webhook) meanwhile.
      attemptNumber: sql`(select ${settled.attemptNumber} from ${settled})`,
      startedAt: sql.placeholder("startedAt"),
      durationMs: sql.placeholder("durationMs"),
      requestMethod: sql.placeholder("method"),
      requestUrl: sql.placeholder("url"),
      requestHeaders: sql.placeholder("requestHeaders"),
      requestBody: sql.placeholder("requestBody"),
      responseStatus: sql.placeholder("responseStatus"),
      responseHeaders: sql.placeholder("responseHeaders"),
      responseBody: sql.placeholder("responseBody"),
      error: sql.placeholder("error"),
      outcome: sql.placeholder("outcome"),
      failureReason: sql.placeholder("failureReason"),
    })
    .prepare(`record_attempt_${change ?? "only"}`);
}

const recordQueries = preparedPerDb((db) => ({
  only: prepareRecord(db, null),
  "reset-failures": prepareRecord(db, "reset-failures"),
  "count-failure": prepareRecord(db, "count-failure"),
  "disable-gone": prepareRecord(db, "disable-gone"),
}));

/**
 * Every request we make becomes a row: what was sent (masked) and what came back, committed
 * together with the delivery's new status and the webhook's failure count.
 */
export async function recordAttempt(db: Db, record: AttemptRecord): Promise<void> {
  const { delivery, logged, result, settle } = record;
  await recordQueries(db)[record.webhookChange ?? "only"].execute({
    deliveryId: delivery.id,
    teamId: delivery.teamId,
    webhookId: delivery.webhookId,
    status: settle.status,
    nextAttemptAt: settle.nextAttemptAt?.toISOString() ?? null,
    at: settle.at.toISOString(),
    completedAt: settle.status === "retrying" ? null : settle.at.toISOString(),
    startedAt: record.startedAt,
    durationMs: Math.round(result.durationMs),
    method: record.method,
    url: logged.url,
    requestHeaders: logged.headers,
    requestBody: logged.body,
    responseStatus: result.status,
    responseHeaders: result.responseHeaders,
    responseBody: result.responseBody,
    error: result.error,
    outcome: record.outcome,
    failureReason: record.outcome === "delivered" ? null : failureReason(result),
  });
}

/**
 * Settles a delivery as failed when no request could be made (its webhook disabled, a secret
 * that no longer decrypts): no attempt row, since nothing was sent, and nothing counted against
 * the webhook. A delivery that has settled meanwhile keeps its result.
 */
export async function failWithoutAttempt(db: Db, deliveryId: string, reason: string, at: Date): Promise<void> {
  await db
    .update(deliveries)
    .set({ status: "failed", lastError: reason, nextAttemptAt: null, updatedAt: at, completedAt: at })
    .where(and(eq(deliveries.id, deliveryId), notInArray(deliveries.status, ["delivered", "failed"])));
}
