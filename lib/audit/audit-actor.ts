import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** Who is acting and from where, for the audit log. */
export type AuditActor = {
  kind: "member" | "api_key" | "system";
  /** The marketer's or API key's id; none for the system. */
  id: string | null;
  /** Kept with each entry, so it still says who after the member or key is gone. */
  label: string;
  ip: string | null;
  userAgent: string | null;
};

/** Referwire itself: background jobs, and changes the delivery engine makes (disabling a webhook). */
export const SYSTEM_ACTOR: AuditActor = { kind: "system", id: null, label: "Referwire", ip: null, userAgent: null };
const scope = new AsyncLocalStorage<AuditActor>();

/**
 * Runs a request's work as `actor`: the dashboard's actions as the signed-in member, the REST API
 * as its key. Whatever records an audit entry inside reads the actor from here, so domain
 * functions need no extra parameter and cannot forget it. Outside any (a background job), the
 * actor is the system.
 */
export function actingAs<T>(actor: AuditActor, work: () => Promise<T>): Promise<T> {
  return scope.run(actor, work);
}

export const currentActor = (): AuditActor => scope.getStore() ?? SYSTEM_ACTOR;

/** Where a request came from, cut to what the log keeps. */
export function requestOrigin(headers: Headers, clientAddress: string | null) {
  return { ip: clientAddress, userAgent: headers.get("user-agent")?.slice(0, 300) ?? null };
}
