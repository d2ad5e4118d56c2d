// Runs the real fan-out and delivery Inngest functions, with Inngest's own test engine, for
// every outbox event not yet relayed. CI has no Inngest dev server (it cannot be downloaded
// there), so the delivery e2e test uses this in its place, against the e2e server's database.
// Usage: DATABASE_URL=… node --conditions=react-server --import tsx e2e/support/run-deliveries.ts
import { database, setProcessDatabase } from "@/db/client";
import { deliverWebhook } from "@/inngest/deliver-webhook";
import { fanOutEvent } from "@/inngest/fan-out-event";
import { loadUnsentEvents, markEventsSent } from "@/lib/outbox/relay";
import { mockSendEvent, runInngestFunction, sentEvents } from "@/tests/helpers/inngest";

const db = await database();
setProcessDatabase(db);
let delivered = 0;
let relayed = 0;
for (let events = await loadUnsentEvents(db.db); events.length; events = await loadUnsentEvents(db.db)) {
  for (const event of events) {
    const fanOut = await runInngestFunction(fanOutEvent, event, [mockSendEvent("dispatch-0")]);
    if (fanOut.error) throw new Error(`fan-out failed: ${JSON.stringify(fanOut.error)}`);
    for (const request of sentEvents(fanOut.ctx)) {
      const run = await runInngestFunction(deliverWebhook, request);
      if (run.error) throw new Error(`delivery failed: ${JSON.stringify(run.error)}`);
      delivered++;
    }
  }
  await markEventsSent(
    db.db,
    events.map((e) => e.id),
  );
  relayed += events.length;
}
await db.close();
console.log(JSON.stringify({ events: relayed, deliveries: delivered }));
