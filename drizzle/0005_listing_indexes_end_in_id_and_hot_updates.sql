DROP INDEX "participants_listing_idx";--> statement-breakpoint
DROP INDEX "participants_by_name_idx";--> statement-breakpoint
DROP INDEX "participants_by_email_idx";--> statement-breakpoint
CREATE INDEX "participants_listing_idx" ON "participants" USING btree ("campaign_id","kind","joined_at","id");--> statement-breakpoint
CREATE INDEX "participants_by_name_idx" ON "participants" USING btree ("campaign_id","kind","first_name","id");--> statement-breakpoint
CREATE INDEX "participants_by_email_idx" ON "participants" USING btree ("campaign_id","kind","email","id");--> statement-breakpoint
-- Qualifying a lead and settling a delivery update rows whose indexed columns do not change:
-- room on each page lets PostgreSQL keep those updates HOT (no new index entries, far less WAL).
ALTER TABLE "participants" SET (fillfactor = 85);--> statement-breakpoint
ALTER TABLE "deliveries" SET (fillfactor = 80);
