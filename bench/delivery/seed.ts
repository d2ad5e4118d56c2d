import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents, type Webhook } from "@/db/schema";
import type { EventData } from "@/lib/events/snapshot";
import { createDeliveriesForEvent } from "@/lib/webhooks/delivery/create-deliveries";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import type { WebhookInput } from "@/lib/webhooks/schemas";
import { createLead, createProgram } from "@/tests/helpers/fixtures";
import { runConcurrently } from "../helpers/run-concurrently";

type Program = Awaited<ReturnType<typeof createProgram>>;

async function addWebhook(program: Program, input: Partial<WebhookInput> & { url: string }): Promise<Webhook> {
  const created = await createWebhook(program.team, program.campaign.id, {
    name: "Bench receiver",
    event: "lead.created",
    ...input,
  });
  if (!created.ok) throw new Error(`seed: ${created.message}`);
  return created.value;
}

/** The campaign's lead.created event for one lead, as recordEvent wrote it. */
export async function leadCreatedEvent(db: Db, campaignId: string, leadId: string) {
  const [event] = await db
    .select()
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.campaignId, campaignId),
        eq(outboxEvents.type, "lead.created"),
        sql`${outboxEvents.data}->'user'->>'id' = ${leadId}`,
      ),
    );
  if (!event) throw new Error("seed: no lead.created event");
  return event;
}

/**
 * One webhook on the receiver and `count` pending deliveries to it. The program, webhook and
 * first event come from the domain code; the event is then copied (same snapshot) so that each
 * delivery has its own event, and every copy is fanned out by createDeliveriesForEvent.
 */
export async function seedPendingDeliveries(db: Db, receiverUrl: string, count: number) {
  const program = await createProgram(db);
  const webhook = await addWebhook(program, { url: receiverUrl });
  const event = await leadCreatedEvent(db, program.campaign.id, program.lead.id);
  await db.execute(sql`
    insert into outbox_events (team_id, campaign_id, type, data)
    select team_id, campaign_id, type, data from outbox_events, generate_series(1, ${count}) where id = ${event.id}`);
  const eventIds = (
    await db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.campaignId, program.campaign.id), eq(outboxEvents.type, "lead.created")))
  )
    .map((e) => e.id)
    .filter((id) => id !== event.id);
  const deliveryIds: string[] = [];
  const fanOut = await runConcurrently(eventIds, 8, Infinity, async (eventId) => {
    const dispatches = await createDeliveriesForEvent(db, eventId);
    deliveryIds.push(...dispatches.map((d) => d.deliveryId));
    return dispatches.length === 1;
  });
  if (fanOut.failures || deliveryIds.length !== count)
    throw new Error(`seed: ${deliveryIds.length} deliveries for ${count} events`);
  const secret = await revealSigningSecret(program.team, webhook.id);
  if (!secret.ok) throw new Error("seed: no signing secret");
  return {
    team: program.team,
    webhook,
    secret: secret.value.secret,
    data: event.data as EventData,
    occurredAt: event.createdAt,
    deliveryIds,
  };
}

/** A campaign with `count` webhooks on lead.created, each made through createWebhook. */
export async function seedWebhooks(db: Db, receiverUrl: string, count: number) {
  const program = await createProgram(db);
  const numbers = Array.from({ length: count }, (_, i) => i);
  const made = await runConcurrently(numbers, 8, Infinity, async (i) =>
    Boolean(await addWebhook(program, { url: receiverUrl, name: `Bench receiver ${i}` })),
  );
  if (made.failures) throw new Error("seed: webhooks");
  /** A fresh lead, so a fresh lead.created event to fan out. */
  const newEvent = async () =>
    leadCreatedEvent(db, program.campaign.id, (await createLead(db, program.referrer.referralCode, "Bench")).id);
  return { program, newEvent };
}
