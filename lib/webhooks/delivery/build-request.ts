import "server-only";
import type { Delivery, Webhook } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { EventData } from "@/lib/events/snapshot";
import { buildEnvelope, requestUrl, serializePayload } from "../payload";
import { contextOf, MASK, unsealEntries } from "../sealed-entries";
import { signatureHeaders, signedContent } from "../sign";
import type { WebhookRequest } from "../send-webhook-request";

/** What of a webhook its requests are built from. */
export type WebhookForRequest = Pick<
  Webhook,
  | "id"
  | "url"
  | "method"
  | "headers"
  | "credentials"
  | "signingSecret"
  | "previousSigningSecret"
  | "previousSecretExpiresAt"
>;

/**
 * The secrets that sign now: the current one, and the previous one during its 24-hour overlap.
 * The previous one only eases a receiver's switch-over: when it no longer decrypts (the
 * encryption key changed since it was saved) it is left out rather than holding back every
 * delivery, so rotating the secret is enough to recover.
 */
export function activeSecrets(
  webhook: Pick<WebhookForRequest, "id" | "signingSecret" | "previousSigningSecret" | "previousSecretExpiresAt">,
  now: Date,
): string[] {
  const secrets = [decryptSecret(webhook.signingSecret, { context: contextOf(webhook.id) })];
  if (webhook.previousSigningSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now) {
    const previous = opened(() => decryptSecret(webhook.previousSigningSecret!, { context: contextOf(webhook.id) }));
    if (previous !== undefined) secrets.push(previous);
  }
  return secrets;
}

/** The value, or undefined when a sealed value would not decrypt. */
function opened<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Why nothing could be sent, for the delivery log: which sealed part would not open and what fixes it. */
const unreadable = (part: string, remedy: string) =>
  `Nothing was sent: this webhook's ${part} could not be decrypted, most likely because the server's encryption key has changed since the webhook was saved. Restore that key, or ${remedy}, then replay this delivery.`;

export type LoggedRequest = { url: string; headers: Record<string, string>; body: string | null };

export type BuiltRequest = { ok: true; request: WebhookRequest; logged: LoggedRequest } | { ok: false; error: string };

/**
 * The exact request for one delivery: the same envelope builder as the Data Fields preview,
 * the delivery id as `webhook-id` (stable across retries), signed now. `logged` is the same
 * request as it may be stored and shown: header values and credentials masked. A sealed secret
 * that no longer decrypts is a value, not an exception: retrying cannot fix it, so the caller
 * settles the delivery as failed with this reason instead of leaving it mid-attempt.
 */
export function buildDeliveryRequest(input: {
  webhook: WebhookForRequest;
  delivery: Pick<Delivery, "id" | "eventType">;
  data: EventData;
  occurredAt: Date;
  now: Date;
}): BuiltRequest {
  const { webhook, delivery, data, occurredAt, now } = input;
  const secrets = opened(() => activeSecrets(webhook, now));
  if (!secrets) return { ok: false, error: unreadable("signing secret", "rotate the signing secret") };
  const credentials = opened(() => unsealEntries(webhook.credentials, webhook.id));
  if (!credentials) return { ok: false, error: unreadable("credential values", "enter them again in Edit webhook") };
  const sealedHeaders = opened(() => unsealEntries(webhook.headers, webhook.id));
  if (!sealedHeaders)
    return { ok: false, error: unreadable("custom header values", "enter them again in Edit webhook") };
  const envelopeWith = (creds: Record<string, string>) =>
    buildEnvelope({
      id: delivery.id,
      type: delivery.eventType,
      timestamp: occurredAt.toISOString(),
      data,
      credentials: creds,
    });
  const { body, query } = serializePayload(webhook.method, envelopeWith(credentials));
  const url = requestUrl(webhook.url, query);
  // Without credentials there is nothing to mask: the logged payload is the one sent.
  const masked = Object.keys(credentials).length
    ? serializePayload(webhook.method, envelopeWith(maskValues(credentials)))
    : { body, query };
  const custom = lowerKeys(sealedHeaders);
  const signed = signatureHeaders({
    messageId: delivery.id,
    timestamp: now,
    content: signedContent({ method: webhook.method, url, body }),
    secrets,
  });
  const base = { ...(body ? { "content-type": "application/json" } : {}), "user-agent": "Referwire-Webhooks/1.0" };
  return {
    ok: true,
    request: { url, method: webhook.method, headers: { ...custom, ...base, ...signed }, body },
    logged: {
      url: requestUrl(webhook.url, masked.query),
      headers: { ...maskValues(custom), ...base, ...signed },
      body: masked.body,
    },
  };
}

const lowerKeys = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const maskValues = (values: Record<string, string>) => Object.fromEntries(Object.keys(values).map((k) => [k, MASK]));
