-- Events, rewards and the inbound log point at their campaign and its team with ONE foreign key
-- on (campaign_id, team_id) instead of one on each. An insert then checks (and key-share locks)
-- the campaign's row only, not also the team's row that every concurrent write of the team
-- shares, and a row can no longer name another team than its campaign's.
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_id_team_id_key" UNIQUE("id","team_id");--> statement-breakpoint
ALTER TABLE "inbound_requests" DROP CONSTRAINT "inbound_requests_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "inbound_requests" DROP CONSTRAINT "inbound_requests_campaign_id_campaigns_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_campaign_id_campaigns_id_fk";
--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_campaign_id_campaigns_id_fk";
--> statement-breakpoint
ALTER TABLE "inbound_requests" ADD CONSTRAINT "inbound_requests_campaign_team_fk" FOREIGN KEY ("campaign_id","team_id") REFERENCES "public"."campaigns"("id","team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_campaign_team_fk" FOREIGN KEY ("campaign_id","team_id") REFERENCES "public"."campaigns"("id","team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_campaign_team_fk" FOREIGN KEY ("campaign_id","team_id") REFERENCES "public"."campaigns"("id","team_id") ON DELETE cascade ON UPDATE no action;
