import "server-only";
import type { Delivery, Webhook } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { EventData } from "@/lib/events/snapshot";
import { buildEnvelope, requestUrl, serializePayload } from "../payload";
import { contextOf, MASK, unsealEntries } from "../sealed-entries";
import { signatureHeaders } from "../sign";
import type { WebhookRequest } from "../send-webhook-request";

/** What of a webhook its requests are built from. */
export type WebhookForRequest = Pick<Webhook, "id" | "url" | "method" | "headers" | "credentials" | "signingSecret" | "previousSigningSecret" | "previousSecretExpiresAt">;

/** The secrets that sign now: the current one, and the previous one during its 24-hour overlap. */
export function activeSecrets(webhook: WebhookForRequest, now: Date): string[] {
  const secrets = [decryptSecret(webhook.signingSecret, { context: contextOf(webhook.id) })];
  if (webhook.previousSigningSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(webhook.previousSigningSecret, { context: contextOf(webhook.id) }));
  }
  return secrets;
}

export type LoggedRequest = { url: string; headers: Record<string, string>; body: string | null };

/**
 * The exact request for one delivery: the same envelope builder as the Data Fields preview,
 * the delivery id as `webhook-id` (stable across retries), signed now. `logged` is the same
 * request as it may be stored and shown: header values and credentials masked.
 */
export function buildDeliveryRequest(input: {
  webhook: WebhookForRequest;
  delivery: Pick<Delivery, "id" | "eventType">;
  data: EventData;
  occurredAt: Date;
  now: Date;
}): { request: WebhookRequest; logged: LoggedRequest } {
  const { webhook, delivery, data, occurredAt, now } = input;
  const credentials = unsealEntries(webhook.credentials, webhook.id);
  const envelopeWith = (creds: Record<string, string>) =>
    buildEnvelope({ id: delivery.id, type: delivery.eventType, timestamp: occurredAt.toISOString(), data, credentials: creds });
  const { body, query, signedContent } = serializePayload(webhook.method, envelopeWith(credentials));
  // Without credentials there is nothing to mask: the logged payload is the one sent.
  const masked = Object.keys(credentials).length ? serializePayload(webhook.method, envelopeWith(maskValues(credentials))) : { body, query };
  const custom = lowerKeys(unsealEntries(webhook.headers, webhook.id));
  const signed = signatureHeaders({ messageId: delivery.id, timestamp: now, content: signedContent, secrets: activeSecrets(webhook, now) });
  const base = { ...(body ? { "content-type": "application/json" } : {}), "user-agent": "Referwire-Webhooks/1.0" };
  return {
    request: { url: requestUrl(webhook.url, query), method: webhook.method, headers: { ...custom, ...base, ...signed }, body },
    logged: { url: requestUrl(webhook.url, masked.query), headers: { ...maskValues(custom), ...base, ...signed }, body: masked.body },
  };
}

const lowerKeys = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const maskValues = (values: Record<string, string>) => Object.fromEntries(Object.keys(values).map((k) => [k, MASK]));
