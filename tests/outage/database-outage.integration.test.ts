import { createServer, type Server, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openPostgres, type Database } from "@/db/client";
import { participants } from "@/db/schema";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { apiJson } from "@/lib/api/respond";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/errors/database-unavailable";
import { newInboundToken } from "@/lib/inbound/inbound-token";
import { INBOUND_POLICY } from "@/lib/inbound/inbound-policy";
import { createOutboxRelay } from "@/lib/outbox/relay";
import { contractErrors } from "../api/contract";
import { callInbound, createInboundProgram, inboundRequest } from "../helpers/inbound";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

// Nothing listens on port 1; the silent server accepts connections and never answers, like a
// database host that has stopped responding.
const CLOSED_PORT_URL = "postgres://postgres@127.0.0.1:1/referwire";
const FAST_ENOUGH_MS = 8_000;

// Registered first, so its afterAll closes the file's database after the hooks below.
const database = setUpTestDatabase();
let closedPort: Database;
let silent: { server: Server; sockets: Set<Socket>; url: string };
beforeAll(async () => {
  closedPort = await openPostgres(CLOSED_PORT_URL, { max: 2 });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  silent = { server, sockets, url: `postgres://postgres@127.0.0.1:${port}/referwire` };
});
afterAll(async () => {
  await closedPort?.close();
  for (const socket of silent?.sockets ?? []) socket.destroy();
  silent?.server.close();
});

const apiCall = (db: Database["db"] | Promise<Database["db"]>) =>
  handleApiRequest(
    db,
    new Request("http://localhost:3000/api/v1/campaigns", {
      headers: { authorization: "Bearer rw_live_not_a_real_key" },
    }),
    async () => apiJson({ data: [] }),
  );

async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await call();
  return { answer, ms: performance.now() - started };
}

describe(`a database outage is answered 503 with Retry-After, quickly (${databaseKind()})`, () => {
  it("/api/v1 answers service_unavailable in its error shape when the port is closed", async () => {
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { answer, ms } = await timed(() => apiCall(closedPort.db));
    quiet.mockRestore();
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    const json = await answer.json();
    expect(json).toEqual({
      error: { code: "service_unavailable", message: expect.stringContaining("temporarily unavailable") },
    });
    expect(contractErrors({ status: 503, json, method: "GET", path: "/api/v1/campaigns" })).toBeNull();
    expect(ms).toBeLessThan(FAST_ENOUGH_MS);
  });

  it("/api/v1 answers 503 when the database could not even be opened (migration at start-up)", async () => {
    const opening = closedPort.migrate().then(() => closedPort.db);
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    const answer = await apiCall(opening);
    quiet.mockRestore();
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it("the inbound webhook answers service_unavailable in its error shape when the port is closed", async () => {
    const token = newInboundToken();
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { answer, ms } = await timed(() =>
      callInbound(closedPort.db, token, inboundRequest(token, { json: { referral_code: "ABCDEFGHJKLM" } })),
    );
    quiet.mockRestore();
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(answer.body).toEqual({ error: "service_unavailable", message: expect.stringContaining("Retry-After") });
    expect(ms).toBeLessThan(FAST_ENOUGH_MS);
  });

  it("a server that accepts connections but never answers is given up on within the connect timeout", async () => {
    const unresponsive = await openPostgres(silent.url, { max: 2 });
    const token = newInboundToken();
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const [api, inbound] = await Promise.all([
        timed(() => apiCall(unresponsive.db)),
        timed(() =>
          callInbound(unresponsive.db, token, inboundRequest(token, { json: { referral_code: "ABCDEFGHJKLM" } })),
        ),
      ]);
      expect(api.answer.status).toBe(503);
      expect(inbound.answer.status).toBe(503);
      expect(inbound.answer.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      // The driver's default would wait 30 s for each.
      expect(Math.max(api.ms, inbound.ms)).toBeLessThan(FAST_ENOUGH_MS);
    } finally {
      quiet.mockRestore();
      await unresponsive.close();
    }
  });

  it("a queue of requests deeper than the pool is answered within one connect timeout, not one per turn", async () => {
    const unresponsive = await openPostgres(silent.url, { max: 2 });
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // Without a bound on the pool wait, 12 requests on 2 connections took 6 connect timeouts (30 s).
      const answers = await Promise.all(Array.from({ length: 12 }, () => timed(() => apiCall(unresponsive.db))));
      expect(answers.map(({ answer }) => answer.status)).toEqual(Array.from({ length: 12 }, () => 503));
      expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(FAST_ENOUGH_MS);
    } finally {
      quiet.mockRestore();
      await unresponsive.close();
    }
  });

  it("a qualification that committed answers 200 even when the relay after it meets the outage", async () => {
    const { token, lead } = await createInboundProgram(database.db);
    const relay = createOutboxRelay({ db: async () => closedPort.db, send: async () => {}, gatherMs: 0 });
    const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
    const answer = await callInbound(
      database.db,
      token,
      inboundRequest(token, { json: { referral_code: lead.referralCode } }),
      INBOUND_POLICY,
    );
    await relay.kick();
    quiet.mockRestore();
    expect(answer).toMatchObject({ status: 200, body: { already_qualified: false } });
    const [row] = await database.db
      .select({ status: participants.status })
      .from(participants)
      .where(eq(participants.id, lead.id));
    expect(row!.status).toBe("qualified");
  });

  it("with the database up, the same requests get their ordinary answers", async () => {
    expect((await apiCall(database.db)).status).toBe(401);
    const token = newInboundToken();
    expect(
      await callInbound(database.db, token, inboundRequest(token, { json: { referral_code: "ABCDEFGHJKLM" } })),
    ).toMatchObject({ status: 404, body: { error: "unknown_token" } });
  });
});
