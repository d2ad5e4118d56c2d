import { AlertTriangle } from "lucide-react";
import { formatDateTime } from "@/components/ui/format";
import type { DeliveryEngineStatus } from "@/lib/outbox/engine-status";

type Props = { status: DeliveryEngineStatus; development: boolean; appUrl: string };

/**
 * Whether events reach Inngest, and when they do not, what to do about it in this environment.
 * Nothing is lost either way: events wait in the outbox.
 */
export function DeliveryEngineStatusNotice({ status, development, appUrl }: Props) {
  const { waiting, oldestWaitingAt, lastHandOffAt, failure } = status;
  const lastHandOff = lastHandOffAt ? formatDateTime(lastHandOffAt) : "never";
  if (status.state === "flowing") {
    return (
      <p className="text-xs text-zinc-500" data-testid="delivery-engine">
        Delivery engine: {waiting} {waiting === 1 ? "event" : "events"} waiting for Inngest · last hand-off{" "}
        {lastHandOff}
        {failure ? ` · Inngest did not answer at ${formatDateTime(failure.at)} (${failure.message}); retrying` : null}
      </p>
    );
  }
  return (
    <section
      aria-labelledby="delivery-engine-stalled"
      className="flex gap-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200"
      data-testid="delivery-engine-stalled"
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-700" aria-hidden />
      <div className="space-y-1.5">
        <h3 id="delivery-engine-stalled" className="font-semibold">
          Deliveries are waiting: Inngest is not reachable
        </h3>
        <p>
          {waiting} {waiting === 1 ? "event waits" : "events wait"} in the outbox, the oldest since{" "}
          {formatDateTime(oldestWaitingAt)}; the last hand-off to Inngest was {lastHandOff}. Nothing is lost: they are
          delivered as soon as Inngest answers.
          {failure ? ` Last error: ${failure.message}.` : null}
        </p>
        <p>
          {development ? (
            <>
              Start the Inngest dev server: <code className="font-mono text-xs">npm run dev</code> starts it next to
              Next.js when it can be downloaded, or run <code className="font-mono text-xs">npm run dev:inngest</code>.
            </>
          ) : (
            <>
              Check <code className="font-mono text-xs">INNGEST_EVENT_KEY</code> (sending events) and that Inngest
              reaches <code className="font-mono text-xs">{appUrl}/api/inngest</code> with{" "}
              <code className="font-mono text-xs">INNGEST_SIGNING_KEY</code>; see docs/operations.md.
            </>
          )}
        </p>
      </div>
    </section>
  );
}
