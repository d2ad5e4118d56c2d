import { getDb } from "@/db/client";
import { handleApiRequest, readJsonBody } from "@/lib/api/handle-api-request";
import { apiJson, failureResponse } from "@/lib/api/respond";
import { qualificationBody } from "@/lib/api/schemas";
import { toApiUser } from "@/lib/api/serialize";
import type { LeadRef } from "@/lib/participants/lead-ref";
import { qualifyLead, unqualifyLead } from "@/lib/participants/qualify-lead";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

/** Qualify (`qualified: true`) or unqualify a lead by id, referral code, or email + campaign. Idempotent. */
export const POST = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const body = await readJsonBody(request, qualificationBody);
    if (!body.ok) return body.response;
    const b = body.value;
    const ref: LeadRef = b.id
      ? { id: b.id }
      : b.referral_code
        ? { referralCode: b.referral_code, campaignId: b.campaign_id }
        : { email: b.email!, campaignId: b.campaign_id! };
    const result = b.qualified ? await qualifyLead(ctx, ref) : await unqualifyLead(ctx, ref);
    if (!result.ok) return failureResponse(result);
    return apiJson({ data: toApiUser(result.value.lead), changed: result.value.changed });
  });

// Other methods get the API's JSON 405 with Allow.
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
