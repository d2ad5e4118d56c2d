import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lookup } from "./address-guard";
import { PinnedAgents } from "./pinned-agents";
import { RESPONSE_EXCERPT_BYTES } from "./policy";
import { sendWebhookRequest, type WebhookRequest } from "./send-webhook-request";
import { signatureHeaders } from "./sign";

type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const startServer = (handle: Handler) => startServerAt("127.0.0.1", 0, handle);

async function startServerAt(host: string, port: number, handle: Handler) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    res.on("error", () => {}); // the client hangs up mid-body on purpose in some cases
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { server, received, port: (server.address() as AddressInfo).port };
}

const stop = (server: Server) => {
  server.closeAllConnections(); // the hanging and endless handlers never finish on their own
  return new Promise<void>((resolve) => server.close(() => resolve()));
};

let receiver: Awaited<ReturnType<typeof startServer>>;
let redirectTarget: Awaited<ReturnType<typeof startServer>>;
let guarded: Awaited<ReturnType<typeof startServer>>;
let closedPort: number;

beforeAll(async () => {
  redirectTarget = await startServer((_req, res) => res.end("landed"));
  guarded = await startServer((_req, res) => res.end("should never be reached"));
  receiver = await startServer((req, res, body) => {
    const path = req.url?.split("?")[0];
    if (path === "/ok") return res.writeHead(200, { "content-type": "text/plain", "x-receiver": "yes" }).end("thanks");
    if (path === "/echo") return res.writeHead(200).end(body);
    if (path === "/fail") return res.writeHead(500).end("boom");
    if (path === "/redirect")
      return res.writeHead(302, { location: `http://127.0.0.1:${redirectTarget.port}/landing` }).end();
    if (path === "/big") return res.writeHead(200).end(Buffer.alloc(5 * 1024 * 1024, "x"));
    if (path === "/accented") return res.writeHead(200).end("a" + "é".repeat(3000));
    if (path === "/endless") return res.writeHead(200).write(Buffer.alloc(8192, "y"));
    if (path === "/stall") return res.writeHead(200).write("partial"); // headers, then silence
    if (path === "/hang") return; // never answers
    res.writeHead(404).end();
  });
  const probe = await startServer(() => {});
  closedPort = probe.port;
  await stop(probe.server);
});

afterAll(async () => {
  await Promise.all([receiver, redirectTarget, guarded].map(({ server }) => stop(server)));
});

const post = (path: string, body: string | null = '{"hello":"world"}'): WebhookRequest => ({
  url: `http://127.0.0.1:${receiver.port}${path}`,
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});
const local = { allowPrivate: true };

describe("sendWebhookRequest against real servers", () => {
  it("returns the status, lower-cased headers and the body excerpt of a 200", async () => {
    const result = await sendWebhookRequest(post("/ok"), local);
    expect(result).toMatchObject({ status: 200, responseBody: "thanks", error: null });
    expect(result.responseHeaders["x-receiver"]).toBe("yes");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("cuts a 5 MB response to the excerpt size and returns quickly", async () => {
    const started = Date.now();
    const result = await sendWebhookRequest(post("/big"), local);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ status: 200, error: null });
    expect(result.responseBody).toBe("x".repeat(RESPONSE_EXCERPT_BYTES));
  });

  it("stops reading after the excerpt even when the body never ends", async () => {
    const result = await sendWebhookRequest(post("/endless"), { ...local, timeoutMs: 2_000 });
    expect(result).toMatchObject({ status: 200, error: null });
    expect(result.responseBody).toHaveLength(RESPONSE_EXCERPT_BYTES);
  });

  it("cuts the excerpt at a character boundary", async () => {
    const result = await sendWebhookRequest(post("/accented"), local);
    expect(result.responseBody).toBe("a" + "é".repeat(2047)); // 4095 bytes: the split é is dropped
  });

  it("reports a 500 with its body", async () => {
    expect(await sendWebhookRequest(post("/fail"), local)).toMatchObject({
      status: 500,
      responseBody: "boom",
      error: null,
    });
  });

  it("does not follow a 302 and names its target", async () => {
    const result = await sendWebhookRequest(post("/redirect"), local);
    expect(result.status).toBe(302);
    expect(result.error).toBe(`redirect not followed (302 to http://127.0.0.1:${redirectTarget.port}/landing)`);
    expect(redirectTarget.received).toHaveLength(0);
  });

  it("times out a receiver that never answers", async () => {
    const result = await sendWebhookRequest(post("/hang"), { ...local, timeoutMs: 300 });
    expect(result).toMatchObject({ status: null, responseBody: null, error: "timed out after 300 ms" });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("keeps the status when the body read times out", async () => {
    const result = await sendWebhookRequest(post("/stall"), { ...local, timeoutMs: 300 });
    expect(result).toMatchObject({ status: 200, error: "timed out after 300 ms" });
  });

  it("reports a refused connection", async () => {
    const result = await sendWebhookRequest({ ...post("/ok"), url: `http://127.0.0.1:${closedPort}/ok` }, local);
    expect(result).toMatchObject({ status: null, error: "connection refused" });
  });

  it("sends no body with GET", async () => {
    const result = await sendWebhookRequest({ ...post("/echo?data.id=1", "ignored"), method: "GET" }, local);
    expect(result.status).toBe(200);
    const seen = receiver.received.at(-1);
    expect(seen).toMatchObject({ method: "GET", url: "/echo?data.id=1", body: "" });
    expect(seen?.headers["content-length"]).toBeUndefined();
  });

  it("delivers the given headers, including signatures, and a default user agent", async () => {
    const body = '{"id":"msg_1"}';
    const signed = signatureHeaders({
      messageId: "msg_1",
      timestamp: new Date(),
      content: body,
      secrets: ["whsec_" + Buffer.alloc(24, 1).toString("base64")],
    });
    await sendWebhookRequest(
      { ...post("/ok", body), headers: { ...signed, "Content-Type": "application/json", "X-Custom": "42" } },
      local,
    );
    const seen = receiver.received.at(-1);
    expect(seen?.headers).toMatchObject({
      "webhook-id": "msg_1",
      "webhook-timestamp": signed["webhook-timestamp"],
      "webhook-signature": signed["webhook-signature"],
      "content-type": "application/json",
      "x-custom": "42",
      "user-agent": "Referwire-Webhooks/1.0",
    });
  });

  it("keeps a user agent the caller set", async () => {
    await sendWebhookRequest({ ...post("/ok"), headers: { "User-Agent": "Custom/2" } }, local);
    expect(receiver.received.at(-1)?.headers["user-agent"]).toBe("Custom/2");
  });

  it("delivers the request body intact", async () => {
    const body = JSON.stringify({ name: "Zoë 🚀", text: "line\nbreak", list: [1, 2, 3] });
    await sendWebhookRequest({ ...post("/echo", body), method: "PUT" }, local);
    expect(receiver.received.at(-1)).toMatchObject({ method: "PUT", body });
    expect(receiver.received.at(-1)?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });
});

describe("sendWebhookRequest destination guard", () => {
  it.each(["http://127.0.0.1:PORT/", "http://localhost:PORT/", "http://2130706433:PORT/"])(
    "refuses %s without connecting",
    async (template) => {
      const url = template.replace("PORT", String(guarded.port));
      const result = await sendWebhookRequest(
        { url, method: "POST", headers: {}, body: "{}" },
        { allowPrivate: false },
      );
      expect(result.status).toBeNull();
      expect(result.error).toMatch(/^destination refused: /);
      expect(guarded.received).toHaveLength(0);
    },
  );

  it("connects to the checked address, not a fresh DNS answer", async () => {
    let lookups = 0;
    const lookup: Lookup = async () => {
      lookups += 1;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    // hooks.test does not exist in DNS: reaching the server proves the pinned address was used.
    const result = await sendWebhookRequest(
      { ...post("/ok"), url: `http://hooks.test:${receiver.port}/ok` },
      { allowPrivate: true, lookup },
    );
    expect(result).toMatchObject({ status: 200, responseBody: "thanks", error: null });
    expect(lookups).toBe(1);
    expect(receiver.received.at(-1)?.headers.host).toBe(`hooks.test:${receiver.port}`);
  });

  it("keeps a connection alive only for the same checked address, and checks every attempt", async () => {
    // Two receivers on one port, at 127.0.0.1 and 127.0.0.2: which one answers shows where we connected.
    const first = await startServer((_req, res) => res.end("first"));
    const second = await startServerAt("127.0.0.2", first.port, (_req, res) => res.end("second"));
    const connections = { first: 0, second: 0 };
    first.server.on("connection", () => (connections.first += 1));
    second.server.on("connection", () => (connections.second += 1));
    let answer = "127.0.0.1";
    let lookups = 0;
    const lookup: Lookup = async () => {
      lookups += 1;
      return [{ address: answer, family: 4 }];
    };
    const agents = new PinnedAgents();
    const send = async () => {
      const result = await sendWebhookRequest(
        { ...post("/"), url: `http://hooks.test:${first.port}/` },
        { allowPrivate: true, lookup, agents },
      );
      await new Promise((resolve) => setImmediate(resolve)); // undici puts the socket back in the pool just after the body ends
      return result;
    };
    try {
      expect((await send()).responseBody).toBe("first");
      expect((await send()).responseBody).toBe("first");
      expect(connections.first).toBe(1); // kept alive
      answer = "127.0.0.2"; // DNS now answers differently: the open connection must not be reused
      expect((await send()).responseBody).toBe("second");
      expect(connections).toEqual({ first: 1, second: 1 });
      expect(first.received).toHaveLength(2);
      expect(lookups).toBe(3);
    } finally {
      await agents.closeAll();
      await Promise.all([stop(first.server), stop(second.server)]);
    }
  });

  it("reports a name that does not resolve", async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const result = await sendWebhookRequest(
      { ...post("/ok"), url: "https://nowhere.test/" },
      { allowPrivate: false, lookup },
    );
    expect(result).toMatchObject({ status: null, error: "DNS lookup failed" });
  });

  it("reports an invalid URL and measures with the injected clock", async () => {
    const ticks = [1_000, 1_250];
    const result = await sendWebhookRequest(
      { ...post("/ok"), url: "not a url" },
      { allowPrivate: false, now: () => ticks.shift() ?? 0 },
    );
    expect(result).toEqual({
      status: null,
      responseBody: null,
      responseHeaders: {},
      error: "invalid URL",
      durationMs: 250,
    });
  });
});
