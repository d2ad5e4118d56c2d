import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openPostgres, type Database } from "@/db/client";
import { deliveries, outboxEvents } from "@/db/schema";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { createProgram } from "../helpers/fixtures";
import { startReceiver } from "../helpers/receiver";

/**
 * Opt-in: against a real Inngest dev server and a running app that it syncs with
 * (`npm run dev` + `npm run dev:inngest`). Set INNGEST_DEV_SERVER_URL (e.g. http://127.0.0.1:8288)
 * and DATABASE_URL to the app's PostgreSQL database. Skipped, visibly, when either is missing
 * or the dev server does not answer.
 */
const devServer = process.env.INNGEST_DEV_SERVER_URL;
const databaseUrl = process.env.DATABASE_URL;

async function reachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

const available = await reachable(devServer);
if (!available)
  console.info(`[skipped] Inngest dev server suite: no dev server at ${devServer ?? "INNGEST_DEV_SERVER_URL (unset)"}`);

describe.skipIf(!available || !databaseUrl)("with a real Inngest dev server", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPostgres(databaseUrl!);
  });
  afterAll(() => database?.close());

  it("delivers an event end to end through Inngest", async () => {
    const receiver = await startReceiver();
    try {
      const { team, campaign } = await createProgram(database.db);
      const created = await createWebhook(team, campaign.id, {
        name: "Dev server",
        url: receiver.url,
        event: "lead.created",
      });
      expect(created.ok).toBe(true);
      const { inngest } = await import("@/inngest/client");
      const [event] = (
        await database.db.select().from(outboxEvents).where(eq(outboxEvents.campaignId, campaign.id))
      ).filter((e) => e.type === "lead.created");
      await inngest.send({
        id: event!.id,
        name: "referwire/event.recorded",
        data: { eventId: event!.id, campaignId: campaign.id, type: event!.type },
      });
      const deadline = Date.now() + 30_000;
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(receiver.received).toHaveLength(1);
      const [delivery] = await database.db.select().from(deliveries).where(eq(deliveries.eventId, event!.id));
      expect(delivery).toMatchObject({ status: "delivered", attemptCount: 1 });
    } finally {
      await receiver.close();
    }
  });
});
