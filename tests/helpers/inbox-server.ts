import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as inboxRoute from "@/app/api/inbox/[token]/route";

type Handler = (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>;

/**
 * The real request inbox route behind a real HTTP server on 127.0.0.1, so webhooks deliver to it
 * over the network exactly as they would to the app. `route` swaps in another copy of the
 * module (one loaded with a different configuration).
 */
export async function startInboxServer(route: Record<string, unknown> = inboxRoute) {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const token = /^\/api\/inbox\/([^/?]+)/.exec(req.url!)?.[1] ?? "";
    const handler = route[req.method!] as Handler | undefined;
    if (!handler) return void res.writeHead(405).end();
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: body.length && req.method !== "GET" ? body : undefined,
    });
    const response = await handler(request, { params: Promise.resolve({ token }) });
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (token: string) => `http://127.0.0.1:${port}/api/inbox/${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
