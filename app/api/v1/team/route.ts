import { getDb } from "@/db/client";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { apiJson } from "@/lib/api/respond";
import { getTeam } from "@/lib/teams/members";

export const dynamic = "force-dynamic";

/** The key's team, so an integration can tell which team its key acts for. */
export const GET = (request: Request) =>
  handleApiRequest(getDb(), request, async (ctx) => {
    const team = await getTeam(ctx);
    return apiJson({ data: { id: team.id, name: team.name } });
  });

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
