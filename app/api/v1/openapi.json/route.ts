import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/config/env";
import { otherMethods } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

/** Public: the document describes the API; every operation in it needs a key. */
export const GET = () => Response.json(openApiDocument(env().APP_URL));

// Other methods get the API's JSON 405 with Allow.
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
