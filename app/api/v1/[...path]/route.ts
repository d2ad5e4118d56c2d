import { apiError } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

/** Any path under /api/v1 that is not an endpoint: the API's JSON 404, whatever the method. */
function unknownEndpoint(request: Request): Response {
  const { pathname } = new URL(request.url);
  return apiError(
    "not_found",
    `No endpoint ${request.method} ${pathname}: the endpoints are listed in /api/v1/openapi.json`,
  );
}

export { unknownEndpoint as GET, unknownEndpoint as POST, unknownEndpoint as PUT, unknownEndpoint as PATCH };
export { unknownEndpoint as DELETE };
