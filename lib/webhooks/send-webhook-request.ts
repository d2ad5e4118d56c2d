import type { Readable } from "node:stream";
import type { IncomingHttpHeaders } from "undici/types/header";
import { checkDestination, type Lookup, type PrivateTargets } from "./address-guard";
import { PinnedAgents } from "./pinned-agents";
import { requestTarget, type WebhookMethod } from "./payload";
import { ATTEMPT_TIMEOUT_MS, RESPONSE_EXCERPT_BYTES } from "./policy";

export type WebhookRequest = {
  url: string;
  method: WebhookMethod;
  headers: Record<string, string>;
  body: string | null;
};

/**
 * One attempt, ready to store as a row. responseBody is the first RESPONSE_EXCERPT_BYTES as UTF-8
 * (null without a response or for an empty body); headers are capped so a hostile receiver cannot
 * bloat the row; error is human text, null when the receiver answered without redirect or timeout.
 */
export type AttemptResult = {
  status: number | null;
  responseBody: string | null;
  responseHeaders: Record<string, string>;
  error: string | null;
  durationMs: number;
};

export type SendOptions = {
  allowPrivate: PrivateTargets;
  timeoutMs?: number;
  lookup?: Lookup;
  now?: () => number;
  /** Where kept-alive connections live; the process-wide cache unless a test brings its own. */
  agents?: PinnedAgents;
};

const processAgents = new PinnedAgents();

const USER_AGENT = "Referwire-Webhooks/1.0";
const MAX_RESPONSE_HEADERS = 30;
const MAX_HEADER_VALUE_CHARS = 1_000;

/**
 * One delivery attempt. Checks the destination on every attempt, then connects only to the
 * addresses that passed the check, reusing a kept-alive connection only when it was opened to
 * that same checked answer; never follows redirects; one timeout covers connect, headers and
 * body. HTTP and network failures come back as values so the caller can record every attempt.
 */
export async function sendWebhookRequest(request: WebhookRequest, options: SendOptions): Promise<AttemptResult> {
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const started = now();
  const result = (fields: Partial<AttemptResult>): AttemptResult => ({
    status: null,
    responseBody: null,
    responseHeaders: {},
    error: null,
    ...fields,
    durationMs: Math.round(now() - started),
  });

  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return result({ error: "invalid URL" });
  }
  const destination = await checkDestination(url, { allowPrivate: options.allowPrivate, lookup: options.lookup });
  if (!destination.ok)
    return result({
      error: destination.unresolved ? "DNS lookup failed" : `destination refused: ${destination.reason}`,
    });

  const signal = AbortSignal.timeout(timeoutMs);
  let status: number | null = null;
  let responseHeaders: Record<string, string> = {};
  const agents = options.agents ?? processAgents;
  return agents.with(url.hostname, destination.addresses, async (agent) => {
    try {
      const headers = { ...request.headers };
      if (!Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) headers["user-agent"] = USER_AGENT;
      // undici's request API rather than fetch: no WHATWG streams per attempt, and it never
      // follows redirects.
      const response = await agent.request({
        origin: url.origin,
        path: requestTarget(url),
        method: request.method,
        headers,
        body: request.method === "GET" ? null : request.body,
        signal,
      });
      status = response.statusCode;
      responseHeaders = collectHeaders(response.headers);
      const responseBody = await readExcerpt(response.body);
      if (status >= 300 && status < 400)
        return result({
          status,
          responseHeaders,
          responseBody,
          error: redirectError(status, responseHeaders.location ?? null, url),
        });
      return result({ status, responseHeaders, responseBody });
    } catch (error) {
      // A timeout while reading the body keeps the status: the receiver answered but never finished.
      return result({ status, responseHeaders, error: describeFailure(error, signal.aborted, timeoutMs) });
    }
  });
}

function collectHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const collected: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (count++ >= MAX_RESPONSE_HEADERS) break;
    collected[name.toLowerCase()] = (Array.isArray(value) ? value.join(", ") : value).slice(0, MAX_HEADER_VALUE_CHARS);
  }
  return collected;
}

/** Reads at most RESPONSE_EXCERPT_BYTES, then destroys the body so a huge one is never downloaded. */
async function readExcerpt(body: Readable): Promise<string | null> {
  const excerpt = new Uint8Array(RESPONSE_EXCERPT_BYTES);
  let length = 0;
  let truncated = false;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    const take = Math.min(chunk.byteLength, RESPONSE_EXCERPT_BYTES - length);
    excerpt.set(chunk.subarray(0, take), length);
    length += take;
    if (take < chunk.byteLength || length === RESPONSE_EXCERPT_BYTES) {
      truncated = true;
      body.destroy();
      break;
    }
  }
  if (length === 0) return null;
  // In stream mode the decoder holds back a character split by the cut instead of emitting U+FFFD.
  return new TextDecoder().decode(excerpt.subarray(0, length), { stream: truncated });
}

function redirectError(status: number, location: string | null, base: URL): string {
  if (!location) return `redirect not followed (${status} without a Location)`;
  return `redirect not followed (${status} to ${URL.canParse(location, base) ? new URL(location, base).href : location})`;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "connection closed by the receiver",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
};

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`;
  // The socket's error, or (when something wrapped it) its cause.
  const failure = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const { code, message } = failure?.code ? failure : (failure?.cause ?? failure ?? {});
  if (code && NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  if (code && /CERT|TLS|SSL/.test(code)) return `TLS error: ${message ?? code}`;
  return `request failed: ${message ?? String(error)}`;
}
