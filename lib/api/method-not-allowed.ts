import { apiError } from "./respond";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = () => Response;

/**
 * Handlers for the methods a route does not serve, so they get the API's JSON error with `Allow`
 * instead of Next's empty 405: `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST")`.
 */
export function otherMethods(...allowed: Method[]): Record<Method, Handler> {
  const allow = allowed.join(", ");
  const refuse = () =>
    apiError("method_not_allowed", `This endpoint answers ${allow} only`, undefined, { Allow: allow });
  return Object.fromEntries(METHODS.map((method) => [method, refuse])) as Record<Method, Handler>;
}
