import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createTeam, createReferrer, createTestCampaign } from "@/tests/helpers/fixtures";
import { inboundTokenOf } from "@/tests/helpers/inbound";

export type Pool = { campaignIds: string[]; targets: { token: string; code: string }[] };

/**
 * Campaigns, referrers and inbound tokens through the project's own domain code; the pending
 * leads (tens of thousands) by one set-based INSERT per campaign, like an import, so seeding
 * takes seconds. Codes are spread round-robin over campaigns so no campaign hits its rate limit.
 */
export async function seedPool(db: Db, label: string, campaigns: number, leads: number): Promise<Pool> {
  const team = await createTeam(db);
  const seeded: { id: string; token: string; codes: string[] }[] = [];
  const perCampaign = Math.ceil(leads / campaigns);
  for (let c = 0; c < campaigns; c++) {
    const campaign = await createTestCampaign(team, { name: `${label} ${c}` });
    const referrer = await createReferrer(db, campaign.id);
    const rows = (await db.execute(sql`
      insert into participants (team_id, campaign_id, kind, first_name, email, referral_code, source, referrer_id, status)
      select ${team.teamId}, ${campaign.id}, 'lead', 'Lead ' || g, ${label} || '-' || ${c} || '-' || g || '@bench.test',
             ${label} || 'c' || ${c} || 'x' || g, 'Referred', ${referrer.id}, 'pending'
      from generate_series(1, ${perCampaign}) g
      returning referral_code`)) as unknown as { referral_code: string }[];
    seeded.push({
      id: campaign.id,
      token: await inboundTokenOf(team, campaign.id),
      codes: rows.map((r) => r.referral_code),
    });
  }
  const targets: Pool["targets"] = [];
  for (let i = 0; i < perCampaign; i++)
    for (const s of seeded) if (s.codes[i]) targets.push({ token: s.token, code: s.codes[i]! });
  return { campaignIds: seeded.map((s) => s.id), targets };
}
