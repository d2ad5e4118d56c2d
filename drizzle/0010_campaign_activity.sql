CREATE TABLE "campaign_activity" (
	"team_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"referrers_joined" integer DEFAULT 0 NOT NULL,
	"leads_created" integer DEFAULT 0 NOT NULL,
	"leads_qualified" integer DEFAULT 0 NOT NULL,
	"rewards_issued" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_activity_pkey" PRIMARY KEY("campaign_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_activity" ADD CONSTRAINT "campaign_activity_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_activity" ADD CONSTRAINT "campaign_activity_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- campaign_activity is kept by these triggers in the transaction of every change, so it always
-- equals counting the current rows of participants and rewards. Inserts and deletes are counted
-- per statement (an import of 10,000 people is one grouped upsert); qualifying and issuing per row,
-- only when the timestamp changes. Deletes only decrement existing buckets: a cascade from a
-- deleted campaign must never insert a row for it.
CREATE FUNCTION campaign_activity_bucket(at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00') $$;
--> statement-breakpoint
CREATE FUNCTION participants_activity_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_activity AS a (team_id, campaign_id, bucket, referrers_joined, leads_created, leads_qualified)
  SELECT team_id, campaign_id, bucket, sum(referrers), sum(leads), sum(qualified)
  FROM (
    SELECT team_id, campaign_id, campaign_activity_bucket(joined_at) AS bucket,
           (kind = 'referrer')::int AS referrers, (kind = 'lead')::int AS leads, 0 AS qualified
    FROM added
    UNION ALL
    SELECT team_id, campaign_id, campaign_activity_bucket(qualified_at), 0, 0, 1 FROM added WHERE qualified_at IS NOT NULL
  ) counted
  GROUP BY team_id, campaign_id, bucket
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET
    referrers_joined = a.referrers_joined + excluded.referrers_joined,
    leads_created = a.leads_created + excluded.leads_created,
    leads_qualified = a.leads_qualified + excluded.leads_qualified;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION participants_activity_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE campaign_activity a SET
    referrers_joined = a.referrers_joined - counted.referrers,
    leads_created = a.leads_created - counted.leads,
    leads_qualified = a.leads_qualified - counted.qualified
  FROM (
    SELECT campaign_id, bucket, sum(referrers) AS referrers, sum(leads) AS leads, sum(qualified) AS qualified
    FROM (
      SELECT campaign_id, campaign_activity_bucket(joined_at) AS bucket,
             (kind = 'referrer')::int AS referrers, (kind = 'lead')::int AS leads, 0 AS qualified
      FROM removed
      UNION ALL
      SELECT campaign_id, campaign_activity_bucket(qualified_at), 0, 0, 1 FROM removed WHERE qualified_at IS NOT NULL
    ) each_one
    GROUP BY campaign_id, bucket
  ) counted
  WHERE a.campaign_id = counted.campaign_id AND a.bucket = counted.bucket;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION participants_activity_qualified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.qualified_at IS NOT NULL THEN
    UPDATE campaign_activity SET leads_qualified = leads_qualified - 1
    WHERE campaign_id = OLD.campaign_id AND bucket = campaign_activity_bucket(OLD.qualified_at);
  END IF;
  IF NEW.qualified_at IS NOT NULL THEN
    INSERT INTO campaign_activity AS a (team_id, campaign_id, bucket, leads_qualified)
    VALUES (NEW.team_id, NEW.campaign_id, campaign_activity_bucket(NEW.qualified_at), 1)
    ON CONFLICT (campaign_id, bucket) DO UPDATE SET leads_qualified = a.leads_qualified + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION rewards_activity_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_activity AS a (team_id, campaign_id, bucket, rewards_issued)
  SELECT team_id, campaign_id, campaign_activity_bucket(issued_at), count(*)
  FROM added WHERE issued_at IS NOT NULL
  GROUP BY team_id, campaign_id, campaign_activity_bucket(issued_at)
  ON CONFLICT (campaign_id, bucket) DO UPDATE SET rewards_issued = a.rewards_issued + excluded.rewards_issued;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION rewards_activity_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE campaign_activity a SET rewards_issued = a.rewards_issued - counted.issued
  FROM (
    SELECT campaign_id, campaign_activity_bucket(issued_at) AS bucket, count(*) AS issued
    FROM removed WHERE issued_at IS NOT NULL
    GROUP BY campaign_id, campaign_activity_bucket(issued_at)
  ) counted
  WHERE a.campaign_id = counted.campaign_id AND a.bucket = counted.bucket;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION rewards_activity_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.issued_at IS NOT NULL THEN
    UPDATE campaign_activity SET rewards_issued = rewards_issued - 1
    WHERE campaign_id = OLD.campaign_id AND bucket = campaign_activity_bucket(OLD.issued_at);
  END IF;
  IF NEW.issued_at IS NOT NULL THEN
    INSERT INTO campaign_activity AS a (team_id, campaign_id, bucket, rewards_issued)
    VALUES (NEW.team_id, NEW.campaign_id, campaign_activity_bucket(NEW.issued_at), 1)
    ON CONFLICT (campaign_id, bucket) DO UPDATE SET rewards_issued = a.rewards_issued + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER participants_activity_inserted AFTER INSERT ON participants
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION participants_activity_inserted();
--> statement-breakpoint
CREATE TRIGGER participants_activity_deleted AFTER DELETE ON participants
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION participants_activity_deleted();
--> statement-breakpoint
CREATE TRIGGER participants_activity_qualified AFTER UPDATE OF qualified_at ON participants
  FOR EACH ROW WHEN (OLD.qualified_at IS DISTINCT FROM NEW.qualified_at)
  EXECUTE FUNCTION participants_activity_qualified();
--> statement-breakpoint
CREATE TRIGGER rewards_activity_inserted AFTER INSERT ON rewards
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rewards_activity_inserted();
--> statement-breakpoint
CREATE TRIGGER rewards_activity_deleted AFTER DELETE ON rewards
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rewards_activity_deleted();
--> statement-breakpoint
CREATE TRIGGER rewards_activity_issued AFTER UPDATE OF issued_at ON rewards
  FOR EACH ROW WHEN (OLD.issued_at IS DISTINCT FROM NEW.issued_at)
  EXECUTE FUNCTION rewards_activity_issued();
--> statement-breakpoint
-- What already happened, counted once.
INSERT INTO campaign_activity (team_id, campaign_id, bucket, referrers_joined, leads_created, leads_qualified, rewards_issued)
SELECT team_id, campaign_id, bucket, sum(referrers), sum(leads), sum(qualified), sum(issued)
FROM (
  SELECT team_id, campaign_id, campaign_activity_bucket(joined_at) AS bucket,
         (kind = 'referrer')::int AS referrers, (kind = 'lead')::int AS leads, 0 AS qualified, 0 AS issued
  FROM participants
  UNION ALL
  SELECT team_id, campaign_id, campaign_activity_bucket(qualified_at), 0, 0, 1, 0 FROM participants WHERE qualified_at IS NOT NULL
  UNION ALL
  SELECT team_id, campaign_id, campaign_activity_bucket(issued_at), 0, 0, 0, 1 FROM rewards WHERE issued_at IS NOT NULL
) counted
GROUP BY team_id, campaign_id, bucket;
