import http, { type IncomingMessage } from "node:http";
import https from "node:https";

const INSTALLED = Symbol.for("referwire.appendSocketPeer");
const appended = new WeakSet<IncomingMessage>();

/**
 * Appends the address of the socket peer (whoever opened the TCP connection) to the request's
 * X-Forwarded-For, creating the header when absent, so its last entry is always an address
 * this server saw rather than one the client wrote. Without it Next.js keeps a client-sent
 * header as it is and the socket's address is lost; `clientAddress()` relies on this. Once per
 * request.
 */
export function appendSocketPeer(request: IncomingMessage): void {
  if (appended.has(request)) return;
  appended.add(request);
  const peer = request.socket?.remoteAddress;
  if (!peer) {
    // A socket already closed has no address: whatever the client wrote must not stand in for it.
    delete request.headers["x-forwarded-for"];
    return;
  }
  const sent = request.headers["x-forwarded-for"];
  const chain = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Makes every HTTP(S) server of this process append the socket peer before any 'request'
 * listener (Next.js's among them) runs. Applied once, on the servers' prototypes, so a server
 * created before the call is covered too. Called first in instrumentation.ts `register()`.
 *
 * `next start` accepts connections before instrumentation runs, and a request that arrives
 * then waits, its 'request' event already emitted, until start-up is done; those are caught by
 * one pass over the open connections, through the response each one is answering.
 */
export function installSocketPeerForwarding(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
    if (Object.prototype.hasOwnProperty.call(prototype, INSTALLED)) continue;
    const emit = prototype.emit;
    prototype.emit = function (this: unknown, event, ...args) {
      if (event === "request") appendSocketPeer(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
    prototype[INSTALLED] = true;
  }
  const handles = (process as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const handle of handles) {
    const response = (handle as { _httpMessage?: unknown })._httpMessage;
    if (response instanceof http.ServerResponse) appendSocketPeer(response.req);
  }
}
