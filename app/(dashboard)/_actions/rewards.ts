"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { issueReward } from "@/lib/rewards/issue-reward";

export const issueRewardAction = teamAction(
  { name: "issueReward", permission: "runProgram", schema: z.object({ campaignId: z.string(), rewardId: z.string() }) },
  async (input, ctx) => {
    const result = await issueReward(ctx, input.rewardId);
    if (!result.ok) return failedWith(result);
    revalidatePath(`/campaigns/${input.campaignId}`, "layout");
    return succeeded(undefined, result.value.alreadyIssued ? "Reward was already issued" : "Reward issued");
  },
);
