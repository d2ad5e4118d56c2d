-- A reward is inserted by its lead's qualification, one or two at a time and most often due,
-- not issued. Counting inserts per statement built a transition table and ran a grouped upsert
-- for every qualification even when it issued nothing; a row trigger with a WHEN clause is not
-- even called for a due reward, and adds one to the bucket for an issued one.
DROP TRIGGER rewards_activity_inserted ON rewards;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rewards_activity_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_activity AS a (team_id, campaign_id, bucket, rewards_issued)
  VALUES (NEW.team_id, NEW.campaign_id, campaign_activity_bucket(NEW.issued_at), 1)
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET rewards_issued = a.rewards_issued + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rewards_activity_inserted AFTER INSERT ON rewards
  FOR EACH ROW WHEN (NEW.issued_at IS NOT NULL)
  EXECUTE FUNCTION rewards_activity_inserted();
