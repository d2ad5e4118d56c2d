import * as campaign from "@/app/api/v1/campaigns/[campaignId]/route";
import * as campaigns from "@/app/api/v1/campaigns/route";
import * as team from "@/app/api/v1/team/route";
import * as qualifications from "@/app/api/v1/qualifications/route";
import * as issue from "@/app/api/v1/rewards/[rewardId]/issue/route";
import * as rewards from "@/app/api/v1/rewards/route";
import * as user from "@/app/api/v1/users/[userId]/route";
import * as users from "@/app/api/v1/users/route";
import * as webhook from "@/app/api/v1/webhooks/[webhookId]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as unknownEndpoint from "@/app/api/v1/[...path]/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// The real route modules, matched like Next's router would: [pattern, module, param names].
const routes: [RegExp, Record<string, unknown>, string[]][] = [
  [/^\/team$/, team, []],
  [/^\/campaigns$/, campaigns, []],
  [/^\/campaigns\/([^/]+)$/, campaign, ["campaignId"]],
  [/^\/users$/, users, []],
  [/^\/users\/([^/]+)$/, user, ["userId"]],
  [/^\/qualifications$/, qualifications, []],
  [/^\/rewards$/, rewards, []],
  [/^\/rewards\/([^/]+)\/issue$/, issue, ["rewardId"]],
  [/^\/webhooks$/, webhooks, []],
  [/^\/webhooks\/([^/]+)$/, webhook, ["webhookId"]],
  // Next's catch-all, after every real route.
  [/^\/.*$/, unknownEndpoint, []],
];

/** Calls /api/v1 route handlers in-process with real Request objects. */
export async function callApi(
  method: string,
  path: string,
  options: {
    key?: string;
    body?: unknown;
    rawBody?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const url = new URL(`http://localhost:3000/api/v1${path}`);
  const match = routes
    .map(([pattern, mod, names]) => ({ m: pattern.exec(url.pathname.replace("/api/v1", "")), mod, names }))
    .find((r) => r.m);
  if (!match) throw new Error(`no route for ${path}`);
  const handler = match.mod[method] as Handler | undefined;
  if (!handler) throw new Error(`${method} not exported for ${path}`);
  const params = Object.fromEntries(match.names.map((name, i) => [name, decodeURIComponent(match.m![i + 1]!)]));
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    // Tests read into response bodies freely; the contract test checks their real shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json: text ? (JSON.parse(text) as Record<string, any>) : null,
    method,
    path: url.pathname,
  };
}
