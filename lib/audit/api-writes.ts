import "server-only";
import { currentActor } from "./audit-actor";

/**
 * People, qualifications and rewards change all day through the dashboard, imports, public
 * sign-ups and the inbound webhook; the audit log records those changes only when an API key
 * made them, as an integration's writes. Integration and campaign settings are recorded
 * whoever changes them.
 */
export const isApiWrite = (): boolean => currentActor().kind === "api_key";
