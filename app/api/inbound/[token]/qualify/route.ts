import { getDb } from "@/db/client";
import { handleInboundQualify } from "@/lib/inbound/handle-inbound-qualify";
import { INBOUND_POLICY } from "@/lib/inbound/inbound-policy";

// node:crypto and the database drivers need Node; every request is live.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function qualify(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  return handleInboundQualify(getDb(), token, request, INBOUND_POLICY);
}

// Every method goes to the handler so the others get a JSON 405 with Allow, not Next's bare one.
export {
  qualify as POST,
  qualify as GET,
  qualify as HEAD,
  qualify as PUT,
  qualify as PATCH,
  qualify as DELETE,
  qualify as OPTIONS,
};
