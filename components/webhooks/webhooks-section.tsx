"use client";

import { useState, type ReactNode } from "react";
import dynamic from "next/dynamic";
import { Info, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { WebhookView } from "@/lib/webhooks/webhook-views";
import { WebhookDetailsText } from "./webhook-details-text";
import { WebhooksTable } from "./webhooks-table";
import type { WebhookTargets } from "./webhook-form";

// The form, its zod schema and the payload preview load when the dialog first opens, not with the page.
const WebhookForm = dynamic(() => import("./webhook-form").then((m) => m.WebhookForm));

export function WebhooksSection({
  campaignId,
  webhooks,
  health,
  targets,
}: {
  campaignId: string;
  webhooks: WebhookView[];
  /** Each webhook's last 24 hours, rendered on the server. */
  health: Record<string, ReactNode>;
  targets: WebhookTargets;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <Card>
      <CardHeader
        title="Outbound Webhooks"
        description="Send this campaign's events to your other systems in real time."
        action={
          <Dialog>
            <DialogTrigger asChild>
              <Button variant="secondary">
                <Info className="size-4" aria-hidden /> More Details
              </Button>
            </DialogTrigger>
            <DialogContent title="How outbound webhooks work" className="max-w-2xl">
              <WebhookDetailsText />
            </DialogContent>
          </Dialog>
        }
      />
      <div className="space-y-4 p-5">
        <div className="flex items-center justify-between">
          <h3 className="text-sm font-semibold text-zinc-900">Webhooks</h3>
          {targets.readOnly ? null : (
            <Dialog open={creating} onOpenChange={setCreating}>
              <DialogTrigger asChild>
                <Button>
                  <Plus className="size-4" aria-hidden /> Create Webhook
                </Button>
              </DialogTrigger>
              <DialogContent
                title="Create Webhook"
                description="Choose where to send which event; the preview shows exactly what will be sent."
                className="max-w-5xl"
              >
                {creating ? (
                  <WebhookForm campaignId={campaignId} targets={targets} onDone={() => setCreating(false)} />
                ) : null}
              </DialogContent>
            </Dialog>
          )}
        </div>
        <WebhooksTable campaignId={campaignId} webhooks={webhooks} health={health} targets={targets} />
        {webhooks.length ? (
          <p className="text-xs text-zinc-500">
            <strong className="font-medium">Last 24 hours</strong>, test sends included: deliveries created per hour by
            outcome; <strong className="font-medium">Delivered</strong>, the share of those that have finished which
            were delivered; <strong className="font-medium">p50 / p95</strong>, the median and 95th-percentile duration
            of the attempts made. A webhook&apos;s page has more, over 7 days too.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
