import "server-only";
import type { Db } from "@/db/client";
import { deliveryAttempts, type Delivery, type DeliveryAttempt } from "@/db/schema";
import type { AttemptResult } from "../send-webhook-request";
import type { LoggedRequest } from "./build-request";

/** Every request we make becomes a row: what was sent (masked) and what came back. */
export async function recordAttempt(
  tx: Db,
  input: { delivery: Pick<Delivery, "id" | "teamId">; method: string; attemptNumber: number; startedAt: Date; logged: LoggedRequest; result: AttemptResult; outcome: DeliveryAttempt["outcome"] },
): Promise<void> {
  const { delivery, logged, result } = input;
  await tx.insert(deliveryAttempts).values({
    teamId: delivery.teamId,
    deliveryId: delivery.id,
    attemptNumber: input.attemptNumber,
    startedAt: input.startedAt,
    durationMs: Math.round(result.durationMs),
    requestMethod: input.method,
    requestUrl: logged.url,
    requestHeaders: logged.headers,
    requestBody: logged.body,
    responseStatus: result.status,
    responseHeaders: result.responseHeaders,
    responseBody: result.responseBody,
    error: result.error,
    outcome: input.outcome,
  });
}
