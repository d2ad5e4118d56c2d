DROP INDEX "deliveries_webhook_idx";--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "participant_email" text;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "webhook_id" uuid;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "failure_reason" text;--> statement-breakpoint
-- Existing rows get what the fan-out and the attempt record now write: the event's person, the
-- attempt's webhook, and its failure reason as lib/webhooks/failure-reason.ts classifies it.
UPDATE "deliveries" d SET "participant_email" = lower(e."data" -> 'user' ->> 'email')
FROM "outbox_events" e WHERE e."id" = d."event_id";--> statement-breakpoint
UPDATE "delivery_attempts" a SET
  "webhook_id" = d."webhook_id",
  "failure_reason" = CASE
    WHEN a."error" IS NULL AND a."response_status" BETWEEN 200 AND 299 THEN NULL
    WHEN a."error" ~ '^(timed out|connect timed out)' THEN 'timeout'
    WHEN a."error" ~ '^(connection |DNS lookup failed|host unreachable|network unreachable|TLS error)' THEN 'connection'
    WHEN a."response_status" BETWEEN 400 AND 499 THEN 'client_error'
    WHEN a."response_status" BETWEEN 500 AND 599 THEN 'server_error'
    ELSE 'other'
  END
FROM "deliveries" d WHERE d."id" = a."delivery_id";--> statement-breakpoint
ALTER TABLE "delivery_attempts" ALTER COLUMN "webhook_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_webhook_email_idx" ON "deliveries" USING btree ("webhook_id","participant_email","created_at","id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_webhook_idx" ON "delivery_attempts" USING btree ("webhook_id","started_at","duration_ms","outcome","failure_reason");--> statement-breakpoint
CREATE INDEX "deliveries_webhook_idx" ON "deliveries" USING btree ("webhook_id","created_at","id");
