"use client";

import { useState, useTransition } from "react";
import { History, KeyRound, Power, Send } from "lucide-react";
import {
  reenableWebhookAction,
  replayFailedAction,
  rotateSecretAction,
  sendTestEventAction,
  type TestEventReport,
} from "@/app/(dashboard)/_actions/webhook-deliveries";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast-result";
import type { ActionResult } from "@/lib/actions/action-result";

type Open = "test" | "rotate" | "replay" | null;
type Props = { campaignId: string; webhookId: string; disabled: boolean };

/** The delivery actions for one webhook: test, replay, rotate, re-enable. */
export function WebhookToolbar({ campaignId, webhookId, disabled }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [test, setTest] = useState<(TestEventReport & { message?: string }) | null>(null);
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult>, after?: () => void) =>
    startTransition(async () => {
      toastResult(await action());
      after?.();
    });
  const sendTest = () =>
    startTransition(async () => {
      const result = await sendTestEventAction({ campaignId, webhookId });
      if (!result.ok) return toastResult(result);
      setTest({ ...result.value, message: result.message });
      setOpen("test");
    });

  return (
    <div className="flex flex-wrap gap-2">
      {disabled ? (
        <Button onClick={() => run(() => reenableWebhookAction({ campaignId, webhookId }))} disabled={pending}>
          <Power className="size-4" aria-hidden /> Re-enable
        </Button>
      ) : null}
      <Button variant="secondary" disabled={pending} onClick={sendTest}>
        <Send className="size-4" aria-hidden /> {pending && open === null ? "Sending…" : "Send test event"}
      </Button>
      <Button variant="secondary" onClick={() => setOpen("replay")}>
        <History className="size-4" aria-hidden /> Replay failed
      </Button>
      <Button variant="secondary" onClick={() => setOpen("rotate")}>
        <KeyRound className="size-4" aria-hidden /> Rotate secret
      </Button>

      <Dialog open={open === "test"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent
          title="Test event"
          description="A sample payload for this webhook's event, signed and sent now. Test sends are not retried."
        >
          {test ? (
            <div className="space-y-3 text-sm" data-testid="test-event-result">
              <p className={test.delivered ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
                {test.message}
                {test.status ? ` · HTTP ${test.status}` : ""}
                {test.durationMs !== undefined ? ` · ${Math.round(test.durationMs)} ms` : ""}
              </p>
              {test.error ? <p className="text-red-700">{test.error}</p> : null}
              {test.responseBody ? (
                <CodeBlock
                  label="Response body"
                  className="max-h-60 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100"
                >
                  {test.responseBody}
                </CodeBlock>
              ) : null}
            </div>
          ) : null}
        </DialogContent>
      </Dialog>

      <Dialog open={open === "replay"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent
          title="Replay failed deliveries"
          description="Every failed delivery of this webhook created since the time you choose is sent again, with its original webhook-id."
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(
                () => replayFailedAction({ campaignId, webhookId, since: new Date(since).toISOString() }),
                () => setOpen(null),
              );
            }}
            className="space-y-4"
          >
            <Field
              label="Failed since"
              type="datetime-local"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              required
            />
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>
                Replay
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={open === "rotate"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent
          title="Rotate signing secret"
          description="A new secret signs from now on. For 24 hours every request also carries a signature with the old one, so you can update your receiver without missing a delivery."
        >
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              disabled={pending}
              onClick={() =>
                run(
                  () => rotateSecretAction({ campaignId, webhookId }),
                  () => setOpen(null),
                )
              }
            >
              Rotate secret
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </div>
  );
}
