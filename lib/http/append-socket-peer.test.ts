import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSocketPeerForwarding } from "./append-socket-peer";
import { clientAddress } from "./client-address";

let server: http.Server;
let base: string;
// Requests wait here until instrumentation has run, as `next start` makes them wait.
let started: () => void;
const instrumented = new Promise<void>((resolve) => (started = resolve));
let arrived: () => void;
const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    arrived();
    await instrumented;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ forwardedFor: request.headers["x-forwarded-for"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function forwardedFor(headers: Record<string, string> = {}): Promise<string | null> {
  const response = await fetch(base, { headers });
  return ((await response.json()) as { forwardedFor: string | null }).forwardedFor;
}

describe("appending the socket peer to X-Forwarded-For", () => {
  it("covers a request that arrived before it was installed, as during start-up", async () => {
    const early = forwardedFor({ "x-forwarded-for": "203.0.113.1" });
    await firstArrived;
    installSocketPeerForwarding();
    installSocketPeerForwarding(); // applied once, however often register() runs
    started();
    expect(await early).toBe("203.0.113.1, 127.0.0.1");
  });

  it("creates the header from the socket's address when the client sent none", async () => {
    expect(await forwardedFor()).toBe("127.0.0.1");
  });

  it("appends the socket's address to a forged header", async () => {
    const chain = await forwardedFor({ "x-forwarded-for": "203.0.113.66, 198.51.100.9" });
    expect(chain).toBe("203.0.113.66, 198.51.100.9, 127.0.0.1");
    // What the app then records: the peer, never the forged entries.
    expect(clientAddress(new Headers({ "x-forwarded-for": chain! }), 0)).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": chain! }), 1)).toBe("198.51.100.9");
  });

  it("covers servers created after it was installed", async () => {
    const later = http.createServer((request, response) => response.end(String(request.headers["x-forwarded-for"])));
    await new Promise<void>((resolve) => later.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(later.address() as AddressInfo).port}/`, {
        headers: { "x-forwarded-for": "10.9.9.9" },
      });
      expect(await response.text()).toBe("10.9.9.9, 127.0.0.1");
    } finally {
      await new Promise<void>((resolve) => later.close(() => resolve()));
    }
  });
});
