"use client";

import { useEffect, useState } from "react";
import { openInboundWebhookAction } from "@/app/(dashboard)/_actions/inbound-webhook";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { INBOUND_RATE_LIMIT } from "@/lib/inbound/inbound-policy";
import type { InboundRequestRow } from "@/lib/inbound/list-inbound-requests";
import type { InboundEndpoint } from "@/lib/inbound/manage-inbound-endpoint";
import { CodeSample } from "./code-sample";
import { InboundRequestList } from "./inbound-request-list";
import { RotateUrlDialog } from "./rotate-url-dialog";

const JSON_BODY = '{"referral_code": "LEAD_REFERRAL_CODE"}';
const FORM_BODY = "code=LEAD_REFERRAL_CODE";
const curlFor = (url: string) =>
  `curl -X POST '${url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON_BODY}'`;

/** The Qualify via Webhook dialog's three steps (the flow referral-platform users already know), loaded when it opens. */
export function QualifyViaWebhookSteps({ campaignId }: { campaignId: string }) {
  const [state, setState] = useState<Awaited<ReturnType<typeof openInboundWebhookAction>> | null>(null);
  useEffect(() => {
    let current = true;
    openInboundWebhookAction({ campaignId }).then(
      (loaded) => current && setState(loaded),
      () =>
        current && setState({ ok: false, message: "Could not load the inbound URL. Close the dialog and try again." }),
    );
    return () => {
      current = false;
    };
  }, [campaignId]);

  if (!state)
    return (
      <p className="text-sm text-zinc-500" role="status">
        Loading the inbound URL…
      </p>
    );
  if (!state.ok) return <FormError message={state.message} />;
  return <Steps campaignId={campaignId} initial={state.value.endpoint} requests={state.value.requests} />;
}

function Steps({
  campaignId,
  initial,
  requests,
}: {
  campaignId: string;
  initial: InboundEndpoint;
  requests: InboundRequestRow[];
}) {
  const [endpoint, setEndpoint] = useState(initial);
  const url = endpoint.url ?? "https://…/api/inbound/<rotate to see a new URL>/qualify";
  return (
    <ol className="space-y-7">
      <Step number={1} title="Configure Webhook Endpoint">
        <p>
          Your system sends a POST request to this URL. Keep it secret: anyone who has it can qualify this
          campaign&apos;s leads.
        </p>
        {endpoint.url ? (
          <div className="flex items-start gap-2">
            <code
              data-testid="inbound-url"
              className="min-w-0 flex-1 rounded-md bg-zinc-50 px-3 py-2 font-mono text-xs break-all text-zinc-800 ring-1 ring-zinc-200"
            >
              {endpoint.url}
            </code>
            <CopyButton value={endpoint.url} label="Copy URL" />
          </div>
        ) : (
          <FormError message="This URL can no longer be shown (the encryption key changed); it still works. Rotate it to see a new one." />
        )}
        <div className="flex items-center justify-between gap-3 text-xs text-zinc-500">
          <span>Issued {formatDateTime(endpoint.issuedAt)}</span>
          <RotateUrlDialog campaignId={campaignId} onRotated={setEndpoint} />
        </div>
      </Step>

      <Step number={2} title="Send Webhook Payload">
        <p>
          Send the lead&apos;s unique referral code as JSON or as a form field, with the matching{" "}
          <code>Content-Type</code>. Zapier&apos;s &ldquo;Webhooks by Zapier&rdquo; and Make&apos;s HTTP module send
          either.
        </p>
        <CodeSample label="JSON body · Content-Type: application/json" value={JSON_BODY} copyLabel="Copy JSON body" />
        <CodeSample
          label="Form body · Content-Type: application/x-www-form-urlencoded"
          value={FORM_BODY}
          copyLabel="Copy form body"
        />
        <CodeSample label="Try it with curl" value={curlFor(url)} copyLabel="Copy curl command" testId="inbound-curl" />
        <p className="text-xs text-zinc-500">
          Answers are JSON: 200 with the lead, or an error such as <code>404 unknown_referral_code</code> that says what
          to fix. Up to {INBOUND_RATE_LIMIT} requests a minute per campaign.
        </p>
      </Step>

      <Step number={3} title="Automatic Qualification">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            The lead&apos;s status becomes <Badge tone="green">Qualified</Badge>, with the time it happened.
          </li>
          <li>
            The <code>lead.qualified</code> event fires to your outbound webhooks.
          </li>
          <li>
            Your reward rule applies: the referrer (and the lead, if the rule says so) earns a reward, issued at once
            when auto-issue is on.
          </li>
          <li>
            Sending a code again is safe: an already qualified lead is answered with{" "}
            <code>&quot;already_qualified&quot;: true</code> and nothing changes.
          </li>
        </ul>
        <InboundRequestList campaignId={campaignId} initial={requests} />
      </Step>
    </ol>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: React.ReactNode }) {
  return (
    <li className="flex gap-4">
      <span
        className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white"
        aria-hidden
      >
        {number}
      </span>
      <div className="min-w-0 flex-1 space-y-3 text-sm text-zinc-700">
        <h3 className="pt-0.5 text-sm font-semibold text-zinc-900">
          <span className="sr-only">Step {number}: </span>
          {title}
        </h3>
        {children}
      </div>
    </li>
  );
}
