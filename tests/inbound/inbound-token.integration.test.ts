import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { inboundTokens } from "@/db/schema";
import { getInboundEndpoint, rotateInboundToken } from "@/lib/inbound/manage-inbound-endpoint";
import { createTeam } from "../helpers/fixtures";
import { createInboundProgram, inboundTokenOf, leadStatus, postCode, programState } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase();

describe(`rotation (${databaseKind()})`, () => {
  it("the old URL stops working at once and the new one works", async () => {
    const { team, campaign, lead, token: old } = await createInboundProgram(database.db);
    const rotated = await rotateInboundToken(team, campaign.id);
    expect(rotated).toMatchObject({
      ok: true,
      value: { url: expect.stringMatching(/\/api\/inbound\/rwin_[\w-]{43}\/qualify$/) },
    });
    const fresh = await inboundTokenOf(team, campaign.id);
    expect(fresh).not.toBe(old);
    expect(rotated.ok && rotated.value.url).toContain(fresh);
    expect(await postCode(database.db, old, lead.referralCode)).toMatchObject({
      status: 404,
      body: { error: "unknown_token" },
    });
    expect(await leadStatus(database.db, lead.id)).toBe("pending");
    expect(await postCode(database.db, fresh, lead.referralCode)).toMatchObject({
      status: 200,
      body: { already_qualified: false },
    });
  });

  it("the database holds the token only hashed and encrypted", async () => {
    const { campaign, token } = await createInboundProgram(database.db);
    const [row] = await database.db.select().from(inboundTokens).where(eq(inboundTokens.campaignId, campaign.id));
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row!.tokenHint).toBe(token.slice(-4));
    expect(JSON.stringify(row)).not.toContain(token.slice(5));
  });

  it("the token is issued once, lazily, and is the same on every read", async () => {
    const { team, campaign } = await createInboundProgram(database.db);
    const reads = await Promise.all([1, 2, 3].map(() => getInboundEndpoint(team, campaign.id)));
    const urls = new Set(reads.map((r) => r.ok && r.value.url));
    expect(urls.size).toBe(1);
    expect(reads[0]).toMatchObject({
      ok: true,
      value: { hint: expect.stringMatching(/^[\w-]{4}$/), issuedAt: expect.any(String) },
    });
    expect(reads[0]!.ok && reads[0]!.value.url!.endsWith(`${reads[0]!.value.hint}/qualify`)).toBe(true);
  });
});

describe(`tenancy (${databaseKind()})`, () => {
  it("campaign A's token never qualifies campaign B's lead, and B's team never sees A's URL", async () => {
    const a = await createInboundProgram(database.db);
    const b = await createInboundProgram(database.db);
    const before = await programState(database.db, [b.campaign.id]);
    expect(await postCode(database.db, a.token, b.lead.referralCode)).toMatchObject({
      status: 404,
      body: { error: "unknown_referral_code" },
    });
    expect(await postCode(database.db, a.token, b.referrer.referralCode)).toMatchObject({
      status: 404,
      body: { error: "unknown_referral_code" },
    });
    expect(await programState(database.db, [b.campaign.id])).toEqual(before);

    const stranger = await createTeam(database.db);
    expect(await getInboundEndpoint(stranger, a.campaign.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await rotateInboundToken(stranger, a.campaign.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await getInboundEndpoint(b.team, "not-a-uuid")).toMatchObject({ ok: false, code: "not_found" });
    expect(await postCode(database.db, a.token, a.lead.referralCode)).toMatchObject({ status: 200 });
  });
});
