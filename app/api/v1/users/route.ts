import { getDb } from "@/db/client";
import { handleApiRequest, readJsonBody } from "@/lib/api/handle-api-request";
import { pagedAnswer, readPageQuery } from "@/lib/api/read-page-query";
import { apiJson, failureResponse } from "@/lib/api/respond";
import { createUserBody, listUsersQuery } from "@/lib/api/schemas";
import { toApiUser } from "@/lib/api/serialize";
import { addParticipant } from "@/lib/participants/add-participant";
import { searchParticipants } from "@/lib/participants/find-participants";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const query = readPageQuery(request, listUsersQuery);
    if (!query.ok) return query.response;
    const q = query.value;
    const result = await searchParticipants(ctx, {
      campaignId: q.campaign_id,
      kind: q.type,
      status: q.status,
      source: q.source,
      email: q.email,
      code: q.code,
      createdAfter: q.created_after ? new Date(q.created_after) : undefined,
      page: q.page,
      perPage: q.per_page,
      startingAfter: q.starting_after,
    });
    return pagedAnswer(result, q, toApiUser, "user");
  });

/** Creates a referrer or a lead with source API: the same rule and events as the dashboard. */
export const POST = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const body = await readJsonBody(request, createUserBody);
    if (!body.ok) return body.response;
    const { campaign_id, type, first_name, email, referrer } = body.value;
    const result = await addParticipant(
      ctx,
      campaign_id,
      { type, firstName: first_name, email, referrer: referrer ?? "" },
      "API",
    );
    if (!result.ok) return failureResponse(result);
    return apiJson({ data: toApiUser(result.value) }, 201);
  });

// Other methods get the API's JSON 405 with Allow.
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
