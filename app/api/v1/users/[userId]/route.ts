import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiError, apiJson } from "@/lib/api/respond";
import { toApiUser } from "@/lib/api/serialize";
import { deleteUser, getUser } from "@/lib/users/search-users";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ userId: string }> };

export const GET = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const user = await getUser(ctx, (await params).userId);
    return user ? apiJson({ data: toApiUser(user) }) : apiError("not_found", "User not found");
  });

export const DELETE = (request: Request, { params }: Params) =>
  handleApiRequest(getDb(), request, async (ctx) =>
    (await deleteUser(ctx, (await params).userId)) ? new Response(null, { status: 204 }) : apiError("not_found", "User not found"),
  );
