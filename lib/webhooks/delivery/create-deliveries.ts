import "server-only";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

export type DeliveryDispatch = { deliveryId: string; webhookId: string; dispatchCount: number };

/** Recorded on a disabled webhook's delivery, so that "Replay failed" sends what it missed. */
const MISSED_WHILE_DISABLED = "Webhook disabled when the event happened";

/**
 * Fan-out, one statement: one delivery per webhook of the event's campaign that listens to this
 * event and whose source filter matches the user's source, inserted set-based. Unique on
 * (event, webhook), so a re-run creates nothing twice. Returns every delivery of the event
 * still waiting to be dispatched: those inserted now, and (for a re-run) those inserted before,
 * which the statement's snapshot sees while it cannot see its own inserts, so none comes twice.
 * A disabled webhook gets its delivery recorded as failed. Each delivery keeps the email of the
 * event's person, which the delivery log searches.
 */
export async function createDeliveriesForEvent(db: Db, eventId: string): Promise<DeliveryDispatch[]> {
  return selectRows<DeliveryDispatch>(
    db,
    sql`
      with event as (
        select id, team_id, campaign_id, type, (data -> 'user' ->> 'source')::user_source as source,
               lower(data -> 'user' ->> 'email') as participant_email
        from outbox_events where id = ${eventId}
      ),
      targets as (
        select w.id as webhook_id, w.status = 'disabled' as disabled, event.id as event_id, event.team_id, event.type,
               event.participant_email
        from event join webhooks w on w.team_id = event.team_id and w.campaign_id = event.campaign_id and w.event = event.type
        where cardinality(w.sources) = 0 or event.source = any(w.sources)
      ),
      created as (
        insert into deliveries (team_id, webhook_id, event_id, event_type, participant_email, status, last_error, completed_at)
        select team_id, webhook_id, event_id, type, participant_email,
               case when disabled then 'failed'::delivery_status else 'pending'::delivery_status end,
               case when disabled then ${MISSED_WHILE_DISABLED} end,
               case when disabled then now() end
        from targets
        -- Naming the arbiter spares a conflict check against the primary key for every row.
        on conflict (event_id, webhook_id) do nothing
        returning id, webhook_id, dispatch_count, status
      )
      select id as "deliveryId", webhook_id as "webhookId", dispatch_count as "dispatchCount" from created where status = 'pending'
      union all
      select d.id, d.webhook_id, d.dispatch_count
      from targets join deliveries d on d.event_id = targets.event_id and d.webhook_id = targets.webhook_id
      where d.status = 'pending'`,
  );
}

/** The Inngest event that asks for one delivery; its id makes each dispatch happen once. */
export const deliveryRequest = (d: DeliveryDispatch) => ({
  id: `${d.deliveryId}:${d.dispatchCount}`,
  name: "referwire/delivery.requested" as const,
  data: { deliveryId: d.deliveryId, webhookId: d.webhookId },
});
