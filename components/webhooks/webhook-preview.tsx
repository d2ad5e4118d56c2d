"use client";

import type { EventType } from "@/db/schema";
import { CodeBlock } from "@/components/ui/code-block";
import { SAMPLE_EVENT_DATA, SAMPLE_EVENT_ID, SAMPLE_TIMESTAMP } from "@/lib/events/samples";
import { buildEnvelope, requestUrl, serializePayload, type WebhookMethod } from "@/lib/webhooks/payload";

type Props = {
  url: string;
  method: WebhookMethod;
  event: EventType;
  headers: { key: string }[];
  credentials: { key: string; value: string }[];
};

/**
 * The Webhook Data Fields: exactly what this webhook will send for its event, with sample data,
 * built by the same code as real deliveries. Credential values typed into the form are shown;
 * saved ones appear masked.
 */
export function WebhookPreview({ url, method, event, headers, credentials }: Props) {
  const creds = Object.fromEntries(credentials.filter((c) => c.key).map((c) => [c.key, c.value || "••••••••"]));
  const envelope = buildEnvelope({
    id: SAMPLE_EVENT_ID,
    type: event,
    timestamp: SAMPLE_TIMESTAMP,
    data: SAMPLE_EVENT_DATA[event],
    credentials: creds,
  });
  const { body, query } = serializePayload(method, envelope);
  let target = url || "https://example.com/webhook";
  try {
    target = requestUrl(target, query);
  } catch {
    // An unfinished URL: show it as typed.
  }
  const requestHeaders = [
    ...(body ? ["content-type: application/json"] : []),
    "user-agent: Referwire-Webhooks/1.0",
    `webhook-id: ${SAMPLE_EVENT_ID}`,
    `webhook-timestamp: ${Math.floor(Date.parse(SAMPLE_TIMESTAMP) / 1000)}`,
    `webhook-signature: v1,<HMAC-SHA256 of id.timestamp.${body ? "body" : "GET path?query"}, base64>`,
    ...headers.filter((h) => h.key).map((h) => `${h.key.toLowerCase()}: ••••••••`),
  ];
  return (
    <div className="space-y-3" data-testid="webhook-preview">
      <div>
        <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Request</p>
        <CodeBlock
          label="Request"
          className="mt-1 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100"
        >
          {`${method} ${target}\n${requestHeaders.join("\n")}`}
        </CodeBlock>
      </div>
      {body ? (
        <div>
          <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Body</p>
          <CodeBlock
            label="Body"
            className="mt-1 max-h-80 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100"
            data-testid="webhook-preview-body"
          >
            {JSON.stringify(JSON.parse(body), null, 2)}
          </CodeBlock>
        </div>
      ) : (
        <p className="text-xs text-zinc-500">
          GET webhooks carry the fields as query parameters after the URL&apos;s own. The signature covers{" "}
          <code className="font-mono">GET</code>, the path and the whole query string as sent, your own parameters
          included.
        </p>
      )}
    </div>
  );
}
