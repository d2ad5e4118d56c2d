"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Inbox, Trash2 } from "lucide-react";
import { clearInboxAction } from "@/app/(dashboard)/_actions/inbox";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { toastResult } from "@/components/ui/toast-result";
import type { InboxSignatureCheck } from "@/db/schema";
import type { InboxRequestRow } from "@/lib/inbox/list-inbox-requests";

/** Often enough to watch a test event arrive, rarely enough to cost nothing. */
const REFRESH_MS = 3_000;

/** What arrived at the inbox, newest first, re-read from the server while the page is visible. */
export function InboxRequests({ requests, canClear }: { requests: InboxRequestRow[]; canClear: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  async function clear() {
    const result = await clearInboxAction({});
    toastResult(result);
    setConfirming(false);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader
        title="Received"
        description={`Newest first; refreshes every ${REFRESH_MS / 1000} s.`}
        action={
          canClear && (
            <ConfirmDialog
              open={confirming}
              onOpenChange={setConfirming}
              title="Clear inbox"
              description="Every request in the inbox is removed. Deliveries stay in each webhook's log."
              confirmLabel="Clear inbox"
              pendingLabel="Clearing…"
              onConfirm={clear}
              trigger={
                <DialogTrigger asChild>
                  <Button variant="secondary" size="sm" disabled={requests.length === 0}>
                    <Trash2 className="size-4" aria-hidden /> Clear
                  </Button>
                </DialogTrigger>
              }
            />
          )
        }
      />
      {requests.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing has arrived yet">
          Send a test event from a webhook that targets the URL above, and it shows up here with its signature checked.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {requests.map((request) => (
            <li key={request.id} data-testid="inbox-request">
              <InboxRequest request={request} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function InboxRequest({ request }: { request: InboxRequestRow }) {
  const query = [...new URLSearchParams(request.target.split("?")[1] ?? "")];
  return (
    <details className="group px-5 py-3">
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <Badge tone="indigo" className="font-mono">
          {request.method}
        </Badge>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-700" title={request.target}>
          {request.target.split("?")[0]}
          {query.length ? <span className="text-zinc-400"> ?{query.length} parameters</span> : null}
        </span>
        <SignatureBadge check={request.signature} />
        <span className="text-xs whitespace-nowrap text-zinc-500">{formatDateTime(request.receivedAt)}</span>
      </summary>
      <div className="mt-3 space-y-4 text-sm">
        <SignatureDetail check={request.signature} />
        <Pairs title="Headers" pairs={request.headers} />
        {query.length ? <Pairs title="Query parameters" pairs={query} /> : null}
        <section>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Body</h3>
          {request.body ? (
            <CodeBlock
              label="Request body"
              className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100"
            >
              {pretty(request.body)}
            </CodeBlock>
          ) : (
            <p className="text-zinc-500">No body.</p>
          )}
        </section>
      </div>
    </details>
  );
}

function SignatureBadge({ check }: { check: InboxSignatureCheck }) {
  switch (check.outcome) {
    case "valid":
      return <Badge tone="green">Signature valid</Badge>;
    case "invalid":
      return <Badge tone="red">Signature invalid</Badge>;
    case "unknown_sender":
      return <Badge tone="amber">Unknown sender</Badge>;
    case "unsigned":
      return <Badge>Not signed</Badge>;
  }
}

function SignatureDetail({ check }: { check: InboxSignatureCheck }) {
  const from = check.webhook ? (
    <>
      {" "}
      from webhook <strong className="font-medium text-zinc-900">{check.webhook.name}</strong> (
      <span className="font-mono text-xs">{check.webhook.event}</span>), delivery{" "}
      <span className="font-mono text-xs">{check.deliveryId}</span>
    </>
  ) : null;
  const text = {
    valid: <>Verified with the webhook&apos;s signing secret and the 5-minute timestamp tolerance{from}.</>,
    invalid: (
      <>
        Did not verify{from}: {check.reason}.
      </>
    ),
    unknown_sender: <>{check.reason}</>,
    unsigned: <>No webhook-signature header: not sent by a Referwire webhook.</>,
  }[check.outcome];
  return <p className="text-zinc-600">{text}</p>;
}

function Pairs({ title, pairs }: { title: string; pairs: [string, string][] }) {
  return (
    <section>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h3>
      <table className="w-full text-left text-xs">
        <tbody className="divide-y divide-zinc-100">
          {pairs.map(([name, value], index) => (
            <tr key={`${name}-${index}`}>
              <th scope="row" className="w-56 py-1 pr-3 align-top font-mono font-medium text-zinc-700">
                {name}
              </th>
              <td className="py-1 font-mono break-all text-zinc-600">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
