import http, { type IncomingMessage } from "node:http";
import https from "node:https";

const INSTALLED = Symbol.for("referwire.appendSocketPeer");

/**
 * Appends the address of the socket peer (whoever opened the TCP connection) to the request's
 * X-Forwarded-For, creating the header when absent, so its last entry is always an address
 * this server saw rather than one the client wrote. Without it Next.js keeps a client-sent
 * header as it is and the socket's address is lost; `clientAddress()` relies on this.
 */
export function appendSocketPeer(request: IncomingMessage): void {
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
 * created before the call is covered too. Called from instrumentation.ts `register()`.
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
}
