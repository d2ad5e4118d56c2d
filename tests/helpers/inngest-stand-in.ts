import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for Inngest's event API (`POST /e/<key>`), so a benchmark sends nothing
 * off the machine. It answers like Inngest and counts every event id it was handed.
 */
export async function startInngestStandIn() {
  const handed = new Map<string, number>();
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      let ids: string[] = [];
      if (req.method === "POST" && req.url?.startsWith("/e/")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "[]") as { id?: string }[] | { id?: string };
        ids = (Array.isArray(body) ? body : [body]).map((e) => e.id ?? "");
        for (const id of ids) handed.set(id, (handed.get(id) ?? 0) + 1);
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids, status: 200 }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    /** How many times each event id arrived. */
    handed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
