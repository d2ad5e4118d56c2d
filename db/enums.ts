/**
 * The values of the database's enums as plain arrays. db/schema.ts builds its pgEnums from them;
 * browser code (filters, forms and the zod schemas they share with the server) imports them from
 * here, because importing db/schema would put drizzle's table definitions into client bundles.
 */
export const rewardModes = ["per_lead", "every_n"] as const;
export const participantKinds = ["referrer", "lead"] as const;
export const participantSources = ["Referred", "Direct", "Added", "API", "Import"] as const;
export const leadStatuses = ["pending", "qualified"] as const;
export const rewardStatuses = ["due", "issued"] as const;
export const eventTypes = [
  "user.joined",
  "referrer.joined",
  "lead.created",
  "lead.qualified",
  "reward.issued",
  "user.deleted",
] as const;
export const webhookMethods = ["POST", "PUT", "PATCH", "GET"] as const;
export const webhookStatuses = ["active", "disabled"] as const;
export const deliveryStatuses = ["pending", "delivering", "retrying", "delivered", "failed"] as const;
/** Why a delivery attempt failed, as lib/webhooks/failure-reason.ts classifies it. */
export const failureReasons = ["timeout", "connection", "client_error", "server_error", "other"] as const;

/** A team member's role, most powerful first (lib/teams/permissions.ts says what each may do). */
export const teamRoles = ["owner", "admin", "member"] as const;
/** Who did what the audit log records. */
export const auditActorKinds = ["member", "api_key", "system"] as const;
