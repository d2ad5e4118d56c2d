CREATE TABLE "inbox_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"target" text NOT NULL,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL,
	"signature" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "inbox_token" text;--> statement-breakpoint
ALTER TABLE "inbox_requests" ADD CONSTRAINT "inbox_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_requests_recent_idx" ON "inbox_requests" USING btree ("team_id","received_at" DESC NULLS LAST,"id");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_inbox_token_key" UNIQUE("inbox_token");