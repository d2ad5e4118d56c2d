import { and, eq } from "drizzle-orm";
import { campaigns, participants, rewards, type Reward } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { notFound, ok, type Result } from "@/lib/errors/result";
import { isUuid } from "@/lib/ids";
import { recordEvent } from "@/lib/events/record-event";
import { campaignSnapshot, rewardSnapshot, userSnapshot } from "@/lib/events/snapshot";

export type Issued = { reward: Reward; alreadyIssued: boolean };

/** Due → Issued by a marketer (or the API), with its `reward.issued` event. Idempotent. */
export async function issueReward({ db, teamId }: TeamContext, rewardId: string): Promise<Result<Issued>> {
  if (!isUuid(rewardId)) return notFound("Reward");
  return db.transaction(async (tx) => {
    const [reward] = await tx
      .update(rewards)
      .set({ status: "issued", issuedAt: new Date() })
      .where(ownedBy(rewards, teamId, eq(rewards.id, rewardId), eq(rewards.status, "due")))
      .returning();
    if (!reward) {
      const [existing] = await tx.select().from(rewards).where(ownedBy(rewards, teamId, eq(rewards.id, rewardId)));
      return existing ? ok({ reward: existing, alreadyIssued: true }) : notFound("Reward");
    }
    const [recipient] = await tx.select().from(participants).where(eq(participants.id, reward.recipientId));
    const [referrer] = recipient?.referrerId
      ? await tx.select().from(participants).where(and(eq(participants.id, recipient.referrerId)))
      : [];
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, reward.campaignId));
    await recordEvent(tx, {
      teamId,
      campaignId: reward.campaignId,
      type: "reward.issued",
      data: {
        user: userSnapshot(recipient!),
        campaign: campaignSnapshot(campaign!),
        referrer: referrer ? userSnapshot(referrer) : null,
        reward: rewardSnapshot(reward),
      },
    });
    return ok({ reward, alreadyIssued: false });
  });
}
