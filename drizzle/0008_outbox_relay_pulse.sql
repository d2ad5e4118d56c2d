CREATE TABLE "outbox_relay_pulse" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_hand_off_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"last_failure" text
);
--> statement-breakpoint
-- The one row every instance updates.
INSERT INTO "outbox_relay_pulse" ("id") VALUES (1) ON CONFLICT DO NOTHING;
