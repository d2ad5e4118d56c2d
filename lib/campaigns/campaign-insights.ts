import "server-only";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db/client";
import type { Campaign } from "@/db/schema";
import type { TeamContext } from "@/db/scope";
import { addDays, localDate } from "./days";
import type { InsightRange } from "./insight-range";

export type Activity = { referrersJoined: number; leadsCreated: number; leadsQualified: number; rewardsIssued: number };
export type DayActivity = Activity & { day: string };
export type CampaignActivity = { days: DayActivity[]; totals: Activity; previous: Activity };
export type Funnel = { referrers: number; referrersWithLeads: number; leads: number; qualified: number };
export type TopReferrer = { id: string; firstName: string; email: string; qualified: number };

type Scope = Pick<Campaign, "id" | "timeZone">;

const NONE: Activity = { referrersJoined: 0, leadsCreated: 0, leadsQualified: 0, rewardsIssued: 0 };

/**
 * The local midnights that bound the last `days` days in the campaign's time zone, today
 * included, optionally shifted `back` whole periods: each a timestamptz to compare with.
 */
function periodBounds(campaign: Scope, days: number, now: Date, back = 0) {
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${campaign.timeZone})::date`;
  return {
    start: sql`((${today} - ${days * (back + 1) - 1}::int)::timestamp at time zone ${campaign.timeZone})`,
    stop: sql`((${today} + 1 - ${days * back}::int)::timestamp at time zone ${campaign.timeZone})`,
  };
}

/**
 * Per local day of the last `range` days: referrers joined, leads created, leads qualified and
 * rewards issued, with the totals of this period and the one before it. Read from the
 * campaign's 15-minute activity buckets, 2 × range × 96 rows at most.
 */
export async function getCampaignActivity(
  { db, teamId }: TeamContext,
  campaign: Scope,
  range: InsightRange,
  now = new Date(),
): Promise<CampaignActivity> {
  const { start, stop } = periodBounds(campaign, range * 2, now);
  const rows = await selectRows<DayActivity>(
    db,
    sql`select to_char((bucket at time zone ${campaign.timeZone})::date, 'YYYY-MM-DD') as day,
          sum(referrers_joined)::int as "referrersJoined", sum(leads_created)::int as "leadsCreated",
          sum(leads_qualified)::int as "leadsQualified", sum(rewards_issued)::int as "rewardsIssued"
        from campaign_activity
        where team_id = ${teamId} and campaign_id = ${campaign.id} and bucket >= ${start} and bucket < ${stop}
        group by 1`,
  );
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const today = localDate(now, campaign.timeZone);
  const series = (offset: number) =>
    Array.from({ length: range }, (_, i) => {
      const day = addDays(today, i - range + 1 - offset);
      return { ...NONE, ...byDay.get(day), day };
    });
  const days = series(0);
  return { days, totals: sum(days), previous: sum(series(range)) };
}

function sum(days: Activity[]): Activity {
  return days.reduce(
    (total, day) => ({
      referrersJoined: total.referrersJoined + day.referrersJoined,
      leadsCreated: total.leadsCreated + day.leadsCreated,
      leadsQualified: total.leadsQualified + day.leadsQualified,
      rewardsIssued: total.rewardsIssued + day.rewardsIssued,
    }),
    NONE,
  );
}

/**
 * The period's funnel: the campaign's referrers at its end → those who brought at least one
 * lead in it → those leads → how many of them are qualified now.
 */
export async function getFunnel(
  { db, teamId }: TeamContext,
  campaign: Scope,
  range: InsightRange,
  now = new Date(),
): Promise<Funnel> {
  const { start, stop } = periodBounds(campaign, range, now);
  const [row] = await selectRows<Funnel>(
    db,
    sql`select
          (select count(*) from participants
            where team_id = ${teamId} and campaign_id = ${campaign.id} and kind = 'referrer' and joined_at < ${stop})::int
            as referrers,
          count(distinct referrer_id)::int as "referrersWithLeads",
          count(*)::int as leads,
          count(*) filter (where qualified_at is not null)::int as qualified
        from participants
        where team_id = ${teamId} and campaign_id = ${campaign.id} and kind = 'lead'
          and joined_at >= ${start} and joined_at < ${stop}`,
  );
  return row!;
}

/**
 * The referrers whose leads qualified most often in the period. Leads are counted per referrer
 * first and only the winners are joined to their names, so the people table is never hashed whole.
 */
export async function getTopReferrers(
  { db, teamId }: TeamContext,
  campaign: Scope,
  range: InsightRange,
  { now = new Date(), limit = 5 } = {},
): Promise<TopReferrer[]> {
  const { start, stop } = periodBounds(campaign, range, now);
  return selectRows<TopReferrer>(
    db,
    sql`select r.id, r.first_name as "firstName", r.email, top.qualified
        from (
          select referrer_id, count(*)::int as qualified
          from participants
          where team_id = ${teamId} and campaign_id = ${campaign.id} and kind = 'lead' and referrer_id is not null
            and qualified_at >= ${start} and qualified_at < ${stop}
          group by referrer_id
          order by qualified desc, referrer_id
          limit ${limit}
        ) top
        join participants r on r.id = top.referrer_id
        order by top.qualified desc, r.first_name, r.id`,
  );
}

/** Days in a campaign card's sparkline. */
export const SPARKLINE_DAYS = 30;

/**
 * Leads created per local day over the last SPARKLINE_DAYS days, for each of the team's campaigns
 * (each in its own time zone), in one query over the activity buckets.
 */
export async function getLeadSparklines(
  { db, teamId }: TeamContext,
  campaigns: Scope[],
  now = new Date(),
): Promise<Map<string, number[]>> {
  // A day more than the window, whatever the time zones; the days outside are dropped below.
  const since = new Date(now.getTime() - (SPARKLINE_DAYS + 1) * 86_400_000);
  const rows = await selectRows<{ campaignId: string; day: string; leads: number }>(
    db,
    sql`select a.campaign_id as "campaignId", to_char((a.bucket at time zone c.time_zone)::date, 'YYYY-MM-DD') as day,
          sum(a.leads_created)::int as leads
        from campaigns c join campaign_activity a on a.campaign_id = c.id
        where c.team_id = ${teamId} and a.bucket >= ${since.toISOString()}::timestamptz and a.leads_created <> 0
        group by 1, 2`,
  );
  const counts = new Map(rows.map((row) => [`${row.campaignId} ${row.day}`, row.leads]));
  return new Map(
    campaigns.map((campaign) => {
      const today = localDate(now, campaign.timeZone);
      const days = Array.from({ length: SPARKLINE_DAYS }, (_, i) => addDays(today, i - SPARKLINE_DAYS + 1));
      return [campaign.id, days.map((day) => counts.get(`${campaign.id} ${day}`) ?? 0)];
    }),
  );
}
