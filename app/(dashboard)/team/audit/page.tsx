import type { Metadata } from "next";
import { ShieldAlert } from "lucide-react";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { parseAuditLogParams } from "@/lib/audit/audit-log-params";
import { listAuditActors, listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireMarketer } from "@/lib/auth/session";
import type { SearchParamsRecord } from "@/lib/tables/list-params";
import { can, PERMISSIONS, ROLE_LABELS } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage(props: { searchParams: Promise<SearchParamsRecord> }) {
  const ctx = await requireMarketer();
  const header = (
    <PageHeader
      title="Audit log"
      description="Who changed your integrations, campaigns and team, when, and from where. Entries are kept for at least a year and cannot be edited."
    />
  );
  if (!can(ctx.role, "viewAuditLog")) {
    const roles = PERMISSIONS.viewAuditLog.map((role) => `${ROLE_LABELS[role]}s`).join(" and ");
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={ShieldAlert} title={`Only ${roles} can see the audit log`}>
            Ask an Owner of your team if you need to know who changed something.
          </EmptyState>
        </Card>
      </>
    );
  }
  const query = parseAuditLogParams(await props.searchParams);
  const [page, actors] = await Promise.all([listAuditEvents(ctx, query), listAuditActors(ctx)]);
  return (
    <>
      {header}
      <AuditLog entries={page.entries} actors={actors} query={query} nextCursor={page.nextCursor} />
    </>
  );
}
