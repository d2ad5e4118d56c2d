import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

type RegisteredFunction = {
  id: string;
  triggers: ({ event: string } | { cron: string })[];
  concurrency?: { key?: string; limit: number } | { key?: string; limit: number }[];
  steps: { step: { retries?: { attempts: number } } };
};

/** What /api/inngest tells Inngest it serves: functions, triggers, concurrency and retries. */
async function registeredFunctions(): Promise<RegisteredFunction[]> {
  vi.stubEnv("INNGEST_DEV", "1"); // serve() fixes its mode when the route module loads
  vi.resetModules();
  const { PUT } = await import("@/app/api/inngest/route");
  const request = new NextRequest("http://localhost:3000/api/inngest", {
    method: "PUT",
    headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    body: JSON.stringify({ url: "http://localhost:3000/api/inngest" }),
  });
  const response = await PUT(request, undefined as never);
  expect(response.status).toBe(200);
  return ((await response.json()) as { functions: RegisteredFunction[] }).functions;
}

describe("the Inngest serve route", () => {
  it("registers every function with its trigger, concurrency and retries", async () => {
    const functions = await registeredFunctions();
    const byId = Object.fromEntries(functions.map((f) => [f.id.replace(/^referwire-/, ""), f]));
    expect(Object.keys(byId).sort()).toEqual(["deliver-webhook", "fan-out-event", "prune-deliveries", "sweep-outbox"]);
    expect(byId["fan-out-event"]!.triggers).toEqual([{ event: "referwire/event.recorded" }]);
    expect(byId["deliver-webhook"]!.triggers).toEqual([{ event: "referwire/delivery.requested" }]);
    expect([byId["deliver-webhook"]!.concurrency].flat()).toMatchObject([{ key: "event.data.webhookId", limit: 5 }]);
    expect(byId["deliver-webhook"]!.steps.step.retries).toEqual({ attempts: 5 });
    expect(byId["sweep-outbox"]!.triggers).toEqual([{ cron: "* * * * *" }]);
    expect(byId["sweep-outbox"]!.steps.step.retries).toEqual({ attempts: 0 });
    expect(byId["prune-deliveries"]!.triggers).toEqual([{ cron: "17 3 * * *" }]);
  });
});
