import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Outside the auth proxy (see proxy.ts). Unless Inngest runs as a dev server, the client is in
// cloud mode and every request must carry Inngest's signature (INNGEST_SIGNING_KEY, required in
// production): runs, introspection and syncs alike, since an unsigned sync is not needed.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions, enableUnauthedSync: false });
