import { afterAll } from "vitest";
import { startInngestStandIn } from "./inngest-stand-in";

type EventApi = Awaited<ReturnType<typeof startInngestStandIn>>;
const globalForEventApi = globalThis as unknown as { referwireInngestEventApi?: EventApi };

// Run before every test file (vitest `setupFiles`): a loopback stand-in for Inngest's event API
// that the app's Inngest client (in development mode, as in tests) sends to, so the relay after a
// request that wrote events hands them over for real, on this machine.
if (!globalForEventApi.referwireInngestEventApi) {
  const eventApi = await startInngestStandIn();
  globalForEventApi.referwireInngestEventApi = eventApi;
  process.env.INNGEST_BASE_URL = eventApi.url;
  afterAll(async () => {
    globalForEventApi.referwireInngestEventApi = undefined;
    await eventApi.close();
  });
}

/** The file's stand-in for Inngest's event API: how many times each event id arrived. */
export function inngestEventApi(): EventApi {
  const eventApi = globalForEventApi.referwireInngestEventApi;
  if (!eventApi) throw new Error("tests/helpers/inngest-event-api.ts runs as a vitest setup file");
  return eventApi;
}
