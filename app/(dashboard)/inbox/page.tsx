import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { InboxRequests } from "@/components/inbox/inbox-requests";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMarketer } from "@/lib/auth/session";
import { can } from "@/lib/teams/permissions";
import { requestInboxEnabled } from "@/lib/config/env";
import { INBOX_KEEP } from "@/lib/inbox/inbox-policy";
import { listInboxRequests } from "@/lib/inbox/list-inbox-requests";
import { openInbox } from "@/lib/inbox/open-inbox";

export const metadata: Metadata = { title: "Request inbox" };

export default async function RequestInboxPage() {
  const ctx = await requireMarketer();
  const header = (
    <PageHeader
      title="Request inbox"
      description="A receiver of your own for trying webhooks: point one here, send a test event, and see what arrives with its signature checked."
    />
  );
  if (!requestInboxEnabled()) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={Inbox} title="The request inbox is off on this server">
            The server administrator can turn it on with <code className="font-mono text-xs">REQUEST_INBOX=true</code>.
            It is on by default in development.
          </EmptyState>
        </Card>
      </>
    );
  }
  const inbox = await openInbox(ctx);
  const requests = await listInboxRequests(ctx);
  return (
    <>
      {header}
      <Card className="mb-6 px-5 py-4">
        <h2 className="text-sm font-semibold text-zinc-900" id="inbox-url-label">
          Your inbox URL
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <code
            aria-labelledby="inbox-url-label"
            className="min-w-0 flex-1 truncate rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-800 ring-1 ring-zinc-200"
            data-testid="inbox-url"
          >
            {inbox.url}
          </code>
          <CopyButton value={inbox.url} label="Copy URL" />
        </div>
        <ol className="mt-3 list-inside list-decimal space-y-1 text-sm text-zinc-600">
          <li>
            In a campaign&apos;s{" "}
            <Link href="/campaigns" className="text-indigo-700 underline underline-offset-2">
              API &amp; Webhooks
            </Link>{" "}
            tab, create a webhook with this URL (the form offers it as &ldquo;Use my request inbox&rdquo;).
          </li>
          <li>Open the webhook and choose &ldquo;Send test event&rdquo;, or let a real event fire.</li>
          <li>
            It appears below within seconds, its Standard Webhooks signature checked against the webhook&apos;s secret.
          </li>
        </ol>
        <p className="mt-3 text-xs text-zinc-500">
          Anyone with this URL can send to it; only your team sees what arrives. The newest {INBOX_KEEP} requests are
          kept, secret header and credential values masked.
        </p>
      </Card>
      <InboxRequests requests={requests} canClear={can(ctx.role, "manageIntegrations")} />
    </>
  );
}
