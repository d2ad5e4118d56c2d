import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSocketPeerForwarding } from "./append-socket-peer";
import { clientAddress } from "./client-address";

let server: http.Server;
let port: number;
beforeAll(async () => {
  // Created before the patch, as Next.js's server is before instrumentation runs.
  server = http.createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ forwardedFor: request.headers["x-forwarded-for"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  installSocketPeerForwarding();
  installSocketPeerForwarding(); // applied once, however often register() runs
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function forwardedFor(headers: Record<string, string> = {}): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return ((await response.json()) as { forwardedFor: string | null }).forwardedFor;
}

describe("appending the socket peer to X-Forwarded-For", () => {
  it("creates the header from the socket's address when the client sent none", async () => {
    expect(await forwardedFor()).toBe("127.0.0.1");
  });

  it("appends the socket's address to a forged header, once", async () => {
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
      const response = await fetch(`http://127.0.0.1:${(later.address() as AddressInfo).port}/`, { headers: { "x-forwarded-for": "10.9.9.9" } });
      expect(await response.text()).toBe("10.9.9.9, 127.0.0.1");
    } finally {
      await new Promise<void>((resolve) => later.close(() => resolve()));
    }
  });
});
