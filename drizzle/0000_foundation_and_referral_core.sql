CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."lead_status" AS ENUM('pending', 'qualified');--> statement-breakpoint
CREATE TYPE "public"."participant_kind" AS ENUM('referrer', 'lead');--> statement-breakpoint
CREATE TYPE "public"."reward_mode" AS ENUM('per_lead', 'every_n');--> statement-breakpoint
CREATE TYPE "public"."reward_status" AS ENUM('due', 'issued');--> statement-breakpoint
CREATE TYPE "public"."user_source" AS ENUM('Referred', 'Direct', 'Added', 'API', 'Import');--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"landing_url" text NOT NULL,
	"referrer_reward" text NOT NULL,
	"lead_reward" text,
	"reward_mode" "reward_mode" DEFAULT 'per_lead' NOT NULL,
	"reward_every_n" integer DEFAULT 1 NOT NULL,
	"auto_issue_rewards" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" "participant_kind" NOT NULL,
	"first_name" text NOT NULL,
	"email" text NOT NULL,
	"referral_code" text NOT NULL,
	"source" "user_source" NOT NULL,
	"referrer_id" uuid,
	"status" "lead_status",
	"qualified_at" timestamp with time zone,
	"unqualified_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower("participants"."first_name" || ' ' || "participants"."email" || ' ' || "participants"."referral_code")) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"lead_id" uuid,
	"description" text NOT NULL,
	"status" "reward_status" DEFAULT 'due' NOT NULL,
	"grant_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketers" ADD CONSTRAINT "marketers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_referrer_id_participants_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_recipient_id_participants_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_lead_id_participants_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_team_idx" ON "campaigns" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "marketers_email_key" ON "marketers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "marketers_team_idx" ON "marketers" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox_events" USING btree ("created_at") WHERE "outbox_events"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_campaign_idx" ON "outbox_events" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_code_key" ON "participants" USING btree ("referral_code");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_campaign_email_key" ON "participants" USING btree ("campaign_id","email");--> statement-breakpoint
CREATE INDEX "participants_listing_idx" ON "participants" USING btree ("campaign_id","kind","joined_at");--> statement-breakpoint
CREATE INDEX "participants_referrer_idx" ON "participants" USING btree ("referrer_id");--> statement-breakpoint
CREATE INDEX "participants_search_idx" ON "participants" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "rewards_grant_key" ON "rewards" USING btree ("campaign_id","grant_key");--> statement-breakpoint
CREATE INDEX "rewards_listing_idx" ON "rewards" USING btree ("campaign_id","status","created_at");