import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
type Reply = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/**
 * A real HTTP endpoint on 127.0.0.1 that records what it receives and answers from a script:
 * each request takes the next reply (the last one repeats).
 */
export async function startReceiver(replies: Reply[] = [{ status: 200, body: "ok" }]) {
  const received: Received[] = [];
  const script = [...replies];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const reply = script.length > 1 ? script.shift()! : script[0]!;
      if (reply === "hang") return void hanging.push(res);
      res.writeHead(reply.status, reply.headers).end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    reply: (next: Reply[]) => script.splice(0, script.length, ...next),
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
