import { createHmac, randomBytes } from "node:crypto";
import { requestTarget, type WebhookMethod } from "./payload";

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * One Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 over `<id>.<unix seconds>.<content>`
 * with the secret's base64 bytes as key. The same bytes as the standardwebhooks library (the tests
 * compare them), through node:crypto's native HMAC instead of its JavaScript SHA-256: this runs on
 * every delivery attempt.
 */
function sign(secret: string, messageId: string, unixSeconds: number, content: string): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${messageId}.${unixSeconds}.${content}`, "utf8").digest("base64")}`;
}

/**
 * What a request's signature covers. With a body (POST, PUT, PATCH): the body, as Standard
 * Webhooks specifies. A GET has none, and its receiver reads everything from the URL, so it signs
 * the method, a space and the request target, `GET /path?query`: the path and the whole query
 * exactly as sent, the webhook URL's own parameters included. A parameter put in front, a
 * changed path or a reordered query no longer verifies.
 */
export function signedContent(request: { method: WebhookMethod; url: string; body: string | null }): string {
  if (request.method === "GET") return `GET ${requestTarget(request.url)}`;
  return request.body ?? "";
}

/**
 * The Standard Webhooks headers for one request. Every active secret signs (during a rotation
 * both the new and the previous one), space-separated as the spec allows, so receivers holding
 * either secret verify.
 */
export function signatureHeaders(input: {
  messageId: string;
  timestamp: Date;
  content: string;
  secrets: string[];
}): Record<string, string> {
  const unixSeconds = Math.floor(input.timestamp.getTime() / 1000);
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(unixSeconds),
    "webhook-signature": input.secrets
      .map((secret) => sign(secret, input.messageId, unixSeconds, input.content))
      .join(" "),
  };
}
