import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { failureResponse } from "@/lib/api/respond";
import { deleteWebhook } from "@/lib/webhooks/manage-webhooks";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ webhookId: string }> };

/** REST-hook unsubscribe. */
export const DELETE = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const result = await deleteWebhook(ctx, (await params).webhookId);
    return result.ok ? new Response(null, { status: 204 }) : failureResponse(result);
  });

// Other methods get the API's JSON 405 with Allow.
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
