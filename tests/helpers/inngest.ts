import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { RETRY_SCHEDULE_MS } from "@/lib/webhooks/policy";

type MockedStep = { id: string; handler: () => unknown };

// @inngest/test waits forever on a sleep it was not told about, and it appends to the steps
// array it is given: every run gets a fresh list with every sleep of the delivery schedule.
const sleeps = (): MockedStep[] =>
  RETRY_SCHEDULE_MS.map((_, i) => ({ id: `wait-after-attempt-${i + 1}`, handler: () => undefined }));

/** Runs a real Inngest function in-process with Inngest's own test engine (a fresh one each time). */
export async function runInngestFunction(
  fn: InngestFunction.Any,
  event: { id?: string; name: string; data: Record<string, unknown> },
  steps: MockedStep[] = [],
) {
  const engine = new InngestTestEngine({ function: fn });
  return engine.execute({ events: [{ ...event, ts: Date.now() } as never], steps: [...sleeps(), ...steps] });
}

/** Stands in for Inngest's event API in a sendEvent step; what was sent is on `ctx.step.sendEvent.mock.calls`. */
export const mockSendEvent = (id: string): MockedStep => ({ id, handler: () => ({ ids: [] }) });

/** The events a run passed to `step.sendEvent`, flattened. */
export function sentEvents(ctx: {
  step: { sendEvent: unknown };
}): { id?: string; name: string; data: Record<string, string> }[] {
  const calls = (ctx.step.sendEvent as { mock: { calls: [string, unknown][] } }).mock.calls;
  return calls.flatMap(([, payload]) => (Array.isArray(payload) ? payload : [payload])) as never;
}
