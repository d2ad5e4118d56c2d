import postgres from "postgres";

// The floor: the same route shape as Referwire's inbound endpoint, doing only the essential SQL
// (qualify the lead, write its outbox event, in one transaction) with the same driver and pool
// size. No token, rate limit, request log, reward rule or relay.
const sql = (globalThis.floorSql ??= postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} }));

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request) {
  const { referral_code: code } = await request.json();
  const lead = await sql.begin(async (tx) => {
    const [row] = await tx`
      update participants set status = 'qualified', qualified_at = now()
      where referral_code = ${code} and kind = 'lead' and status = 'pending'
      returning id, team_id, campaign_id, first_name, email, referral_code, source, joined_at, qualified_at`;
    if (row) {
      await tx`insert into outbox_events (team_id, campaign_id, type, data)
        values (${row.team_id}, ${row.campaign_id}, 'lead.qualified', ${tx.json({ user: row })})`;
    }
    return row ?? null;
  });
  return Response.json({ lead, already_qualified: lead === null }, { headers: { "Cache-Control": "no-store" } });
}
