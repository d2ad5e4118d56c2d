import type { EventType, webhookMethods } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";

// Browser-safe: the Create Webhook modal previews payloads with this same code.

export type WebhookMethod = (typeof webhookMethods)[number];

export type WebhookEnvelope = {
  id: string;
  type: EventType;
  timestamp: string;
  data: EventData & { credentials?: Record<string, string> };
};

/** The envelope every webhook sends: `{ id, type, timestamp, data }`, credentials inside data. */
export function buildEnvelope(input: {
  id: string;
  type: EventType;
  timestamp: string;
  data: EventData;
  credentials?: Record<string, string>;
}): WebhookEnvelope {
  const hasCredentials = input.credentials && Object.keys(input.credentials).length > 0;
  return {
    id: input.id,
    type: input.type,
    timestamp: input.timestamp,
    data: hasCredentials ? { ...input.data, credentials: input.credentials } : input.data,
  };
}

/** Flattens the envelope into dotted query parameters for GET webhooks (`data.user.email=…`). */
export function toQueryString(envelope: WebhookEnvelope): string {
  const params = new URLSearchParams();
  const walk = (value: unknown, prefix: string) => {
    if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
    } else {
      params.append(prefix, value === null || value === undefined ? "" : String(value));
    }
  };
  walk(envelope, "");
  return params.toString();
}

/** What goes on the wire: a JSON body, or for GET a query string (appended to the URL by `requestUrl`). */
export function serializePayload(
  method: WebhookMethod,
  envelope: WebhookEnvelope,
): { body: string | null; query: string | null } {
  if (method === "GET") return { body: null, query: toQueryString(envelope) };
  return { body: JSON.stringify(envelope), query: null };
}

/** The URL a request goes to: for GET, the payload's parameters are appended to any already there. */
export function requestUrl(url: string, query: string | null): string {
  if (!query) return url;
  const target = new URL(url);
  target.search = target.search ? `${target.search.slice(1)}&${query}` : query;
  return target.toString();
}

/**
 * The request target as it goes on the request line (RFC 9112 origin-form): the URL's path, then
 * `?` and the whole query when there is one, as the URL serialises them; never the fragment.
 * The request is sent with this, and GET signatures cover it, so both see the same bytes.
 */
export function requestTarget(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  return parsed.pathname + parsed.search;
}
