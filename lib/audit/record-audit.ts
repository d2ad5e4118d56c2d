import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "./audit-actions";
import { currentActor } from "./audit-actor";

export type AuditEntry = {
  action: AuditAction;
  subject?: { type: string; id: string; label?: string | null };
  /** What changed (field names, roles, counts): never a secret value. */
  details?: Record<string, unknown>;
};

/**
 * Appends an entry for the current actor (lib/audit/audit-actor.ts). Call it with the
 * transaction that makes the change, so the entry commits with it or not at all.
 */
export async function recordAudit(db: Db, teamId: string, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values(auditRow(teamId, entry));
}

/** The row `recordAudit` inserts, for a change written as one statement that inserts it too (a qualification). */
export function auditRow(teamId: string, entry: AuditEntry): typeof auditEvents.$inferInsert {
  const actor = currentActor();
  return {
    teamId,
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    subjectLabel: entry.subject?.label ?? null,
    details: entry.details ?? {},
    ip: actor.ip,
    userAgent: actor.userAgent,
  };
}
