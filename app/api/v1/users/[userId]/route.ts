import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiError, apiJson, failureResponse } from "@/lib/api/respond";
import { toApiUser } from "@/lib/api/serialize";
import { deleteParticipant } from "@/lib/participants/delete-participant";
import { getParticipant } from "@/lib/participants/find-participants";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ userId: string }> };

export const GET = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const user = await getParticipant(ctx, (await params).userId);
    return user ? apiJson({ data: toApiUser(user) }) : apiError("not_found", "User not found");
  });

/** Deletes the user with its user.deleted event; their rewards stay, without them. */
export const DELETE = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const result = await deleteParticipant(ctx, (await params).userId);
    if (!result.ok) return failureResponse(result);
    return new Response(null, { status: 204 });
  });

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
