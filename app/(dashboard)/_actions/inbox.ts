"use server";

import { z } from "zod";
import { succeeded } from "@/lib/actions/action-result";
import { teamAction } from "@/lib/actions/action-wrappers";
import { clearInbox } from "@/lib/inbox/list-inbox-requests";

export const clearInboxAction = teamAction(
  { name: "clearInbox", permission: "manageIntegrations", schema: z.object({}) },
  async (_input, ctx) => {
    await clearInbox(ctx);
    return succeeded(null, "Inbox cleared");
  },
);
