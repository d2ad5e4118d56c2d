import { eq } from "drizzle-orm";
import { campaigns, inboundTokens, type Campaign } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { env } from "@/lib/config/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { hashInboundToken, inboundTokenHint, newInboundToken } from "./inbound-token";

/**
 * What the signed-in team sees. `url` is null only when the stored copy cannot be decrypted
 * (the encryption key changed): the token still works, and rotating shows a new one.
 */
export type InboundEndpoint = { url: string | null; hint: string; issuedAt: string };

/** Binds the ciphertext to its campaign: copied to another campaign's row, it does not decrypt. */
const contextOf = (campaignId: string) => `inbound-token:${campaignId}`;

export const inboundUrl = (token: string) => new URL(`/api/inbound/${token}/qualify`, env().APP_URL).toString();

/**
 * The campaign's inbound URL, issuing the token the first time (campaigns created before this
 * feature included). Whoever sees the URL can qualify leads, so each time it is shown goes in the
 * audit log.
 */
export async function getInboundEndpoint(ctx: TeamContext, campaignId: string): Promise<Result<InboundEndpoint>> {
  const found = await readOrIssueToken(ctx, campaignId);
  if (!found) return notFound("Campaign");
  const { campaignName, ...endpoint } = found;
  if (endpoint.url)
    await recordAudit(ctx.db, ctx.teamId, {
      action: "inbound_url.revealed",
      subject: { type: "campaign", id: campaignId, label: campaignName },
    });
  return ok(endpoint);
}

async function readOrIssueToken(ctx: TeamContext, campaignId: string) {
  const existing = await readToken(ctx, campaignId);
  if (existing) return existing;
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return null;
  // Two tabs opening the dialog at once both try; the first insert wins and both show it.
  await ctx.db.insert(inboundTokens).values(issueToken(campaign).row).onConflictDoNothing();
  return readToken(ctx, campaignId);
}

/** Replaces the token: the old URL stops working with this statement's commit. */
export async function rotateInboundToken(ctx: TeamContext, campaignId: string): Promise<Result<InboundEndpoint>> {
  const campaign = await getCampaign(ctx, campaignId);
  if (!campaign) return notFound("Campaign");
  const { token, row } = issueToken(campaign);
  const saved = await ctx.db.transaction(async (tx) => {
    const [upserted] = await tx
      .insert(inboundTokens)
      .values(row)
      .onConflictDoUpdate({
        target: inboundTokens.campaignId,
        set: {
          tokenHash: row.tokenHash,
          tokenHint: row.tokenHint,
          tokenEncrypted: row.tokenEncrypted,
          createdAt: row.createdAt,
        },
      })
      .returning({ createdAt: inboundTokens.createdAt });
    await recordAudit(tx, ctx.teamId, {
      action: "inbound_url.rotated",
      subject: { type: "campaign", id: campaign.id, label: campaign.name },
    });
    return upserted;
  });
  return ok({ url: inboundUrl(token), hint: row.tokenHint, issuedAt: saved!.createdAt.toISOString() });
}

function issueToken(campaign: Campaign) {
  const token = newInboundToken();
  return {
    token,
    row: {
      campaignId: campaign.id,
      teamId: campaign.teamId,
      tokenHash: hashInboundToken(token),
      tokenHint: inboundTokenHint(token),
      tokenEncrypted: encryptSecret(token, { context: contextOf(campaign.id) }),
      createdAt: new Date(),
    },
  };
}

async function readToken(
  { db, teamId }: TeamContext,
  campaignId: string,
): Promise<(InboundEndpoint & { campaignName: string }) | null> {
  if (!isUuid(campaignId)) return null;
  const [row] = await db
    .select({
      hint: inboundTokens.tokenHint,
      encrypted: inboundTokens.tokenEncrypted,
      createdAt: inboundTokens.createdAt,
      campaignName: campaigns.name,
    })
    .from(inboundTokens)
    .innerJoin(campaigns, eq(campaigns.id, inboundTokens.campaignId))
    .where(ownedBy(inboundTokens, teamId, eq(inboundTokens.campaignId, campaignId)));
  if (!row) return null;
  return {
    url: revealUrl(row.encrypted, campaignId),
    hint: row.hint,
    issuedAt: row.createdAt.toISOString(),
    campaignName: row.campaignName,
  };
}

function revealUrl(encrypted: string, campaignId: string): string | null {
  try {
    return inboundUrl(decryptSecret(encrypted, { context: contextOf(campaignId) }));
  } catch (error) {
    console.error(`[inbound] cannot decrypt the inbound token of campaign ${campaignId}`, error);
    return null;
  }
}
