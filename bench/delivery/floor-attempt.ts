import { sql } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Agent, fetch } from "undici";
import type { Db } from "@/db/client";
import { deliveryAttempts } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";

/**
 * The least an attempt can do: sign the payload per Standard Webhooks, POST it over a keep-alive
 * connection, read the answer and INSERT one attempt row (a prepared statement). No address
 * check, no secrets to unseal, no delivery status: what performDeliveryAttempt is measured against.
 */
export function floorAttempt(
  db: Db,
  target: { teamId: string; webhookId: string; url: string; secret: string; data: EventData; occurredAt: Date },
) {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const signer = new StandardWebhook(target.secret);
  const columns = [
    "deliveryId",
    "startedAt",
    "durationMs",
    "requestHeaders",
    "requestBody",
    "responseStatus",
    "responseHeaders",
    "responseBody",
  ] as const;
  const placeholders = Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as Record<
    (typeof columns)[number],
    ReturnType<typeof sql.placeholder>
  >;
  const insertAttempt = db
    .insert(deliveryAttempts)
    .values({
      ...placeholders,
      teamId: target.teamId,
      webhookId: target.webhookId,
      attemptNumber: 1,
      requestMethod: "POST",
      requestUrl: target.url,
      error: null,
      outcome: "delivered",
    })
    .prepare("floor_insert_attempt");
  const attempt = async (deliveryId: string): Promise<boolean> => {
    const startedAt = new Date();
    const t0 = performance.now();
    const body = JSON.stringify({
      id: deliveryId,
      type: "lead.created",
      timestamp: target.occurredAt.toISOString(),
      data: target.data,
    });
    const headers = {
      "content-type": "application/json",
      "user-agent": "Referwire-Webhooks/1.0",
      "webhook-id": deliveryId,
      "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
      "webhook-signature": signer.sign(deliveryId, startedAt, body),
    };
    const response = await fetch(target.url, { method: "POST", headers, body, redirect: "manual", dispatcher: agent });
    const responseBody = await response.text();
    await insertAttempt.execute({
      deliveryId,
      startedAt,
      durationMs: Math.round(performance.now() - t0),
      requestHeaders: headers,
      requestBody: body,
      responseStatus: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody,
    });
    return response.status === 200;
  };
  return { attempt, close: () => agent.close() };
}
