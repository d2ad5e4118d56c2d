import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";
import { createProgram } from "@/tests/helpers/fixtures";

export type SeedSize = { leads: number; referrers: number; importRows: number };

/**
 * One campaign at scale, filled by set-based SQL: referrers, leads one second apart spread over
 * them (every third qualified), and a CSV import whose rows all share one joined_at as a real
 * import's do (one transaction, one now()). The import sits in the middle of the leads' time
 * range, so deep pages of the default sort land inside its tie group.
 */
export async function seedCampaign(db: Db, size: SeedSize) {
  const { team, campaign } = await createProgram(db);
  const importedAt = sql`now() - make_interval(secs => ${Math.floor(size.leads / 2) + 0.5})`;
  // One transaction: every row is stamped from the same now(), so the import's place is exact.
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, joined_at)
      select ${team.teamId}, ${campaign.id}, 'referrer', 'Referrer' || g, 'referrer' || g || '@bench.test',
             substr(md5('referrer' || g), 1, 12), 'Direct', now() - interval '2 days' - make_interval(secs => g)
      from generate_series(1, ${size.referrers}) g`);
    // The campaign's referrers numbered 1..n, so row g takes referrer 1 + g % n: an even spread.
    const referrers = sql`(select id, row_number() over (order by id) as n from participants
                           where campaign_id = ${campaign.id} and kind = 'referrer') r`;
    const referrerCount = size.referrers + 1; // createProgram's referrer too
    await tx.execute(sql`
      insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, referrer_id, status, qualified_at, joined_at)
      select ${team.teamId}, ${campaign.id}, 'lead', 'Lead' || g, 'lead' || g || '@bench.test', substr(md5('lead' || g), 1, 12), 'Referred',
             r.id, case when g % 3 = 0 then 'qualified'::lead_status else 'pending'::lead_status end,
             case when g % 3 = 0 then now() - make_interval(secs => g) + interval '1 hour' end,
             now() - make_interval(secs => g)
      from generate_series(1, ${size.leads}) g join ${referrers} on r.n = 1 + g % ${referrerCount}`);
    await tx.execute(sql`
      insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, referrer_id, status, joined_at)
      select ${team.teamId}, ${campaign.id}, 'lead', 'Imported' || g, 'import' || g || '@bench.test', substr(md5('import' || g), 1, 12), 'Import',
             r.id, 'pending', ${importedAt}
      from generate_series(1, ${size.importRows}) g join ${referrers} on r.n = 1 + g % ${referrerCount}`);
  });
  // Index-only scans need the visibility map, which autovacuum sets on its own some time after
  // a bulk insert; vacuuming now makes the runs measure the steady state, not autovacuum's timing.
  await db.execute(sql`vacuum analyze participants`);
  const [counts] = await selectRows<{ leads: number; newerThanImport: number }>(
    db,
    sql`select count(*)::int as "leads", (count(*) filter (where joined_at > imported.at))::int as "newerThanImport"
        from participants, (select max(joined_at) as at from participants where campaign_id = ${campaign.id} and source = 'Import') imported
        where campaign_id = ${campaign.id} and kind = 'lead'`,
  );
  return { team, campaign, ...counts! };
}
