import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

/** Public: the document describes the API; every operation in it needs a key. */
export const GET = () => Response.json(openApiDocument(env().APP_URL));
