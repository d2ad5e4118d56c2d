import { getDb } from "@/db/client";
import { handleApiRequest, readJsonBody, readQuery } from "@/lib/api/handle-api-request";
import { apiJson, failureResponse } from "@/lib/api/respond";
import { createSubscriptionBody } from "@/lib/api/schemas";
import { toApiSubscription } from "@/lib/api/serialize";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import { revealSigningSecret } from "@/lib/webhooks/signing-secret";
import { listWebhooks } from "@/lib/webhooks/webhook-views";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { z } from "zod";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const query = readQuery(request, z.object({ campaign_id: z.uuid().optional() }));
    if (!query.ok) return query.response;
    const webhooks = await listWebhooks(ctx, query.value.campaign_id);
    return apiJson({ data: webhooks.map(toApiSubscription) });
  });

/** REST-hook subscribe (Zapier, n8n): the same webhooks, schema and address check as the dashboard. */
export const POST = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const body = await readJsonBody(request, createSubscriptionBody);
    if (!body.ok) return body.response;
    const { campaign_id, url, event, sources, name } = body.value;
    const created = await createWebhook(
      ctx,
      campaign_id,
      { name: name || `API: ${EVENT_CATALOGUE[event].label}`, url, event, sources, method: "POST" },
      { createdVia: "api" },
    );
    if (!created.ok) return failureResponse(created);
    const secret = await revealSigningSecret(ctx, created.value.id);
    if (!secret.ok) return failureResponse(secret);
    return apiJson({ data: { ...toApiSubscription(created.value), signing_secret: secret.value.secret } }, 201);
  });

// Other methods get the API's JSON 405 with Allow.
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
