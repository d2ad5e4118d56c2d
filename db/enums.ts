/**
 * The values of the database enums that browser code needs (filters, forms and the zod schemas
 * they share with the server), as plain arrays. Importing db/schema instead would put drizzle's
 * table definitions into every client bundle that uses one of them.
 *
 * db/schema.ts still spells these lists out for its pgEnums; db/enums.test.ts keeps the two equal
 * until the schema imports them from here.
 */
export const participantKinds = ["referrer", "lead"] as const;
export const userSources = ["Referred", "Direct", "Added", "API", "Import"] as const;
export const leadStatuses = ["pending", "qualified"] as const;
export const rewardModes = ["per_lead", "every_n"] as const;
export const deliveryStatuses = ["pending", "delivering", "retrying", "delivered", "failed"] as const;
