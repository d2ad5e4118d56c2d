import type { Participant } from "@/db/schema";
import type { AuditEntry } from "@/lib/audit/record-audit";

/**
 * How the audit log names a person: by id, kind and campaign, never by name or email. The log
 * cannot be edited and outlives deletions, so a deleted person must leave no personal data in it.
 */
export const personEntry = (person: Pick<Participant, "id" | "kind" | "campaignId">) =>
  ({
    subject: { type: "user", id: person.id, label: null },
    details: { type: person.kind, campaignId: person.campaignId },
  }) satisfies Omit<AuditEntry, "action">;
