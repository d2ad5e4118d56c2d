"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failedWith, succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { generateApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-key";

// The key is the team's; the campaign names the page that shows it.
const onPage = z.object({ campaignId: z.string() });
const refresh = (campaignId: string) => revalidatePath(`/campaigns/${campaignId}/settings/integrations`);

/** The full key is in the answer once, and never again. */
export const generateApiKeyAction = teamAction(
  { name: "generateApiKey", permission: "manageIntegrations", schema: onPage },
  async ({ campaignId }, ctx) => {
    const result = await generateApiKey(ctx);
    if (!result.ok) return failedWith(result);
    refresh(campaignId);
    return succeeded(result.value.key);
  },
);

export const revokeApiKeyAction = teamAction(
  { name: "revokeApiKey", permission: "manageIntegrations", schema: onPage },
  async ({ campaignId }, ctx) => {
    await revokeApiKey(ctx);
    refresh(campaignId);
    return succeeded(undefined, "API key revoked");
  },
);
