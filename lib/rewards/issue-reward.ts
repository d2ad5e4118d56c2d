import { and, eq, isNotNull } from "drizzle-orm";
import { campaigns, participants, rewards, type Reward } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { isApiWrite } from "@/lib/audit/api-writes";
import { recordAudit } from "@/lib/audit/record-audit";
import { fail, notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { recordEvent } from "@/lib/outbox/record-event";
import { campaignSnapshot, rewardSnapshot, referrerSnapshot, userSnapshot } from "@/lib/events/snapshot";

export type Issued = { reward: Reward; alreadyIssued: boolean };

const RECIPIENT_DELETED = "This reward's recipient was deleted, so there is nobody to issue it to";

/**
 * Due → Issued by a marketer (or the API), with its `reward.issued` event. Idempotent. A due
 * reward whose recipient was deleted is refused (a conflict): it stays due in the ledger, and
 * `reward.issued` always names the person who received it.
 */
export async function issueReward({ db, teamId }: TeamContext, rewardId: string): Promise<Result<Issued>> {
  if (!isUuid(rewardId)) return notFound("Reward");
  return db.transaction(async (tx) => {
    const [reward] = await tx
      .update(rewards)
      .set({ status: "issued", issuedAt: new Date() })
      .where(
        ownedBy(rewards, teamId, eq(rewards.id, rewardId), eq(rewards.status, "due"), isNotNull(rewards.recipientId)),
      )
      .returning();
    if (!reward) {
      const [existing] = await tx
        .select()
        .from(rewards)
        .where(ownedBy(rewards, teamId, eq(rewards.id, rewardId)));
      if (!existing) return notFound("Reward");
      return existing.status === "issued"
        ? ok({ reward: existing, alreadyIssued: true })
        : fail("conflict", RECIPIENT_DELETED);
    }
    // The update holds the reward's row lock, and deleting the recipient must take it to set
    // recipient_id to null, so the recipient cannot disappear before this commits.
    const [recipient] = await tx.select().from(participants).where(eq(participants.id, reward.recipientId!));
    if (!recipient) throw new Error(`reward ${reward.id}: recipient ${reward.recipientId} vanished while issuing`);
    const [referrer] = recipient.referrerId
      ? await tx
          .select()
          .from(participants)
          .where(and(eq(participants.id, recipient.referrerId)))
      : [];
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, reward.campaignId));
    await recordEvent(tx, {
      teamId,
      campaignId: reward.campaignId,
      type: "reward.issued",
      data: {
        user: userSnapshot(recipient),
        campaign: campaignSnapshot(campaign!),
        referrer: referrer ? referrerSnapshot(referrer) : null,
        reward: rewardSnapshot(reward),
      },
    });
    if (isApiWrite())
      await recordAudit(tx, teamId, {
        action: "reward.issued",
        subject: { type: "reward", id: reward.id, label: reward.description },
        details: { campaignId: reward.campaignId, recipientId: reward.recipientId },
      });
    return ok({ reward, alreadyIssued: false });
  });
}
