import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * The Standard Webhooks headers for one request. Every active secret signs (during a rotation
 * both the new and the previous one), space-separated as the spec allows, so receivers holding
 * either secret verify.
 */
export function signatureHeaders(input: { messageId: string; timestamp: Date; content: string; secrets: string[] }): Record<string, string> {
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.messageId, input.timestamp, input.content));
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": String(Math.floor(input.timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
