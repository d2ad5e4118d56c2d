import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
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

const SIGNING_KEY = `signkey-test-${"5e".repeat(32)}`;
const ROUTE = "http://localhost:3000/api/inngest";

/** The route as production builds it: cloud mode, Inngest's API on a closed loopback port. */
async function productionRoute() {
  vi.stubEnv("INNGEST_DEV", "0");
  vi.stubEnv("INNGEST_SIGNING_KEY", SIGNING_KEY);
  vi.stubEnv("INNGEST_BASE_URL", "http://127.0.0.1:9");
  vi.resetModules();
  return import("@/app/api/inngest/route");
}

/** Inngest's X-Inngest-Signature: HMAC-SHA256 of the body and timestamp, keyed by the key without its prefix. */
function sign(body: string, key = SIGNING_KEY): string {
  const t = Math.floor(Date.now() / 1000).toString();
  return `t=${t}&s=${createHmac("sha256", key.replace(/^signkey-\w+-/, ""))
    .update(body + t)
    .digest("hex")}`;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

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

  it("refuses every unsigned or wrongly signed request outside development", async () => {
    const { GET, POST, PUT } = await productionRoute();
    const run = JSON.stringify({
      event: { name: "referwire/delivery.requested", data: {} },
      events: [],
      steps: {},
      ctx: { run_id: "01", attempt: 0 },
    });
    const call = (
      handler: typeof POST,
      method: string,
      url: string,
      body?: string,
      headers: Record<string, string> = {},
    ) =>
      handler(
        new NextRequest(url, { method, body, headers: { "content-type": "application/json", ...headers } }),
        undefined as never,
      );

    expect((await call(POST, "POST", `${ROUTE}?fnId=referwire-deliver-webhook&stepId=step`, run)).status).toBe(401);
    expect(
      (
        await call(POST, "POST", `${ROUTE}?fnId=referwire-deliver-webhook&stepId=step`, run, {
          "x-inngest-signature": sign(run, `signkey-test-${"00".repeat(32)}`),
        })
      ).status,
    ).toBe(401);
    expect((await call(GET, "GET", ROUTE)).status).toBe(401);
    // An unsigned sync would have the app register itself at whatever Host the caller sent.
    expect((await call(PUT, "PUT", ROUTE, "")).status).toBe(401);
    const sync = JSON.stringify({ url: ROUTE });
    expect((await call(PUT, "PUT", ROUTE, sync, { "x-inngest-sync-kind": "in_band" })).status).toBe(401);

    const signed = await call(PUT, "PUT", ROUTE, sync, {
      "x-inngest-sync-kind": "in_band",
      "x-inngest-signature": sign(sync),
    });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { functions: unknown[] }).functions).toHaveLength(4);
  });
});
