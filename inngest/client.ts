import { Inngest, eventType, staticSchema } from "inngest";
import { inngestIsDev } from "@/lib/config/env";

/** Each attempt to reach Inngest gets this long; the SDK itself retries a few times. */
const SEND_TIMEOUT_MS = 2_000;

const fetchWithTimeout: typeof fetch = async (input, init) => {
  const timeout = AbortSignal.timeout(SEND_TIMEOUT_MS);
  try {
    return await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  } catch (error) {
    // The SDK treats "fetch failed" as a network error (and does not blame the custom fetch).
    throw new TypeError("fetch failed", { cause: error });
  }
};

/**
 * Development talks to a local Inngest dev server unless INNGEST_DEV says otherwise; production
 * uses Inngest Cloud with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (read by the SDK itself).
 */
export const inngest = new Inngest({
  id: "referwire",
  isDev: inngestIsDev(),
  fetch: fetchWithTimeout,
});

/** An outbox event was committed (the Inngest event id is the outbox id, so Inngest de-duplicates). */
export const eventRecorded = eventType("referwire/event.recorded", {
  schema: staticSchema<{ eventId: string; campaignId: string; type: string }>(),
});

/** One delivery should be attempted (the Inngest event id is `<deliveryId>:<dispatch>`). */
export const deliveryRequested = eventType("referwire/delivery.requested", {
  schema: staticSchema<{ deliveryId: string; webhookId: string }>(),
});
