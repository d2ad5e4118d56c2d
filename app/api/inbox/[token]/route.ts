import { getDb } from "@/db/client";
import { receiveInboxRequest } from "@/lib/inbox/receive-inbox-request";

// Reads the raw body and the database on every request.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function receive(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  return receiveInboxRequest(await getDb(), token, request);
}

// An inbox takes whatever a webhook sends, GET webhooks included.
export { receive as GET, receive as POST, receive as PUT, receive as PATCH, receive as DELETE };
