import { EVENT_CATALOGUE, EVENT_TYPES } from "@/lib/events/catalogue";

/** The "More Details" explanation: events, payloads, signing and retries. */
export function WebhookDetailsText() {
  return (
    <div className="space-y-4 text-sm text-zinc-700">
      <section>
        <h3 className="font-semibold text-zinc-900">Events</h3>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {EVENT_TYPES.map((t) => (
            <li key={t}>
              <code className="font-mono text-xs">{t}</code> — {EVENT_CATALOGUE[t].label}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="font-semibold text-zinc-900">Payload</h3>
        <p>
          Every request carries <code className="font-mono text-xs">{"{ id, type, timestamp, data }"}</code>;{" "}
          <code className="font-mono text-xs">data</code> holds the user, the campaign, the referrer, the reward for
          reward events, and your credentials. GET webhooks send the same fields as query parameters.
        </p>
      </section>
      <section>
        <h3 className="font-semibold text-zinc-900">Signing</h3>
        <p>
          Requests are signed per Standard Webhooks: <code className="font-mono text-xs">webhook-id</code>,{" "}
          <code className="font-mono text-xs">webhook-timestamp</code> and{" "}
          <code className="font-mono text-xs">webhook-signature</code>. Verify them with the webhook&apos;s signing
          secret and use <code className="font-mono text-xs">webhook-id</code> to ignore duplicates. A POST, PUT or
          PATCH signs its body; a GET signs <code className="font-mono text-xs">GET</code>, the path and the whole query
          string as sent, the URL&apos;s own parameters included.
        </p>
      </section>
      <section>
        <h3 className="font-semibold text-zinc-900">Delivery</h3>
        <p>
          Delivery is at least once and unordered. A request that does not answer 2xx within 15 seconds is retried after
          5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours. A webhook that keeps failing is disabled after 20
          failed deliveries in a row, or at once on a 410 Gone.
        </p>
      </section>
    </div>
  );
}
