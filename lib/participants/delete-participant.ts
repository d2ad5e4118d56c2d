import "server-only";
import { eq } from "drizzle-orm";
import { campaigns, participants, type Participant } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isApiWrite } from "@/lib/audit/api-writes";
import { recordAudit } from "@/lib/audit/record-audit";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { recordEvent } from "@/lib/outbox/record-event";
import { campaignSnapshot, referrerSnapshot, userSnapshot } from "@/lib/events/snapshot";
import { isUuid } from "@/lib/ids";
import { personEntry } from "./audit-person";

/**
 * Deletes a referrer or lead and writes its `user.deleted` event (the person as they were, for
 * receivers to find and remove their copy) in the same transaction. Their rewards stay in the
 * ledger with no recipient and their leads stay with no referrer (the foreign keys set them
 * null); lead rewards are keyed by a fingerprint of campaign and email, so the same email added
 * again cannot earn twice.
 */
export async function deleteParticipant(
  { db, teamId }: TeamContext,
  participantId: string,
): Promise<Result<Participant>> {
  if (!isUuid(participantId)) return notFound("User");
  return db.transaction(async (tx) => {
    const [user] = await tx
      .delete(participants)
      .where(ownedBy(participants, teamId, eq(participants.id, participantId)))
      .returning();
    if (!user) return notFound("User");
    const [referrer] = user.referrerId
      ? await tx.select().from(participants).where(eq(participants.id, user.referrerId))
      : [];
    const [campaign] = await tx
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(eq(campaigns.id, user.campaignId));
    await recordEvent(tx, {
      teamId,
      campaignId: user.campaignId,
      type: "user.deleted",
      data: {
        user: userSnapshot(user),
        campaign: campaignSnapshot(campaign!),
        referrer: referrer ? referrerSnapshot(referrer) : null,
      },
    });
    if (isApiWrite()) await recordAudit(tx, teamId, { action: "user.deleted", ...personEntry(user) });
    return ok(user);
  });
}
