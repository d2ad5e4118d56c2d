import { eventTypes } from "@/db/enums";
import type { EventType } from "@/db/schema";
import { env } from "@/lib/config/env";
import { publishedBodySchema, publishedQuerySchema } from "@/lib/events/published-schemas";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ file: string }> };

/**
 * Public, like the OpenAPI document: `/schemas/events/<type>.json` is the JSON Schema of the body
 * a POST, PUT or PATCH webhook receives, `/schemas/events/<type>.query.json` that of a GET
 * webhook's query. Code generators and validators can point at these URLs.
 */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const match = /^(.+?)(\.query)?\.json$/.exec((await params).file);
  const type = match?.[1] as EventType | undefined;
  if (!match || !type || !(eventTypes as readonly string[]).includes(type)) {
    return Response.json(
      { error: { code: "not_found", message: `No such event schema. Event types: ${eventTypes.join(", ")}` } },
      { status: 404 },
    );
  }
  const appUrl = env().APP_URL;
  const schema = match[2] ? publishedQuerySchema(appUrl, type) : publishedBodySchema(appUrl, type);
  return Response.json(schema, {
    headers: { "Content-Type": "application/schema+json", "Cache-Control": "public, max-age=300" },
  });
}
