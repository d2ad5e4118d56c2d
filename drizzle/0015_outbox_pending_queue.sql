-- Events not yet handed to Inngest move from a partial index on outbox_events (marked sent by
-- rewriting each event's row) to a narrow queue the relay deletes from.
CREATE TABLE "outbox_pending" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "outbox_pending" ("event_id", "team_id", "campaign_id", "type", "created_at")
SELECT "id", "team_id", "campaign_id", "type", "created_at" FROM "outbox_events" WHERE "sent_at" IS NULL;
--> statement-breakpoint
DROP INDEX "outbox_unsent_idx";--> statement-breakpoint
ALTER TABLE "outbox_events" DROP COLUMN "sent_at";
