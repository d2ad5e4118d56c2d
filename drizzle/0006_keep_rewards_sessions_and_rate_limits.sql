CREATE TABLE "marketer_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"marketer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
-- Sign-in throttling moves to rate_limit_windows (per client and email, per client).
DROP TABLE "sign_in_throttles" CASCADE;--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_recipient_id_participants_id_fk";
--> statement-breakpoint
ALTER TABLE "rewards" ALTER COLUMN "recipient_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "marketer_sessions" ADD CONSTRAINT "marketer_sessions_marketer_id_marketers_id_fk" FOREIGN KEY ("marketer_id") REFERENCES "public"."marketers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketer_sessions_marketer_idx" ON "marketer_sessions" USING btree ("marketer_id");--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_recipient_id_participants_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Lead rewards were keyed by the lead's id, so a lead deleted and added again could earn twice.
-- They are keyed by a one-way fingerprint of campaign and email from now on (the app computes the
-- same sha256 of "<campaign id>:<email>").
UPDATE "rewards" SET "grant_key" = 'lead:' || encode(sha256(convert_to(p."campaign_id"::text || ':' || p."email", 'UTF8')), 'hex') || substring("rewards"."grant_key" from '(:[a-z]+)$')
FROM "participants" p
WHERE p."id" = "rewards"."lead_id" AND "rewards"."grant_key" ~ '^lead:[0-9a-f-]{36}:(referrer|lead)$';
