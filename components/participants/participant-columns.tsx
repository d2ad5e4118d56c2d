"use client";

import { Badge } from "@/components/ui/badge";
import { createDataTableColumnHelper } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import type { ParticipantRow } from "@/lib/participants/list-participants";
import { LeadActions } from "./lead-actions";

const col = createDataTableColumnHelper<ParticipantRow>();

const person = col.accessor("firstName", {
  header: "Name",
  enableSorting: true,
  cell: (c) => (
    <div>
      <div className="font-medium text-zinc-900">{c.row.original.firstName}</div>
      <div className="text-xs text-zinc-500">{c.row.original.email}</div>
    </div>
  ),
});
const code = col.accessor("referralCode", {
  header: "Referral code",
  cell: (c) => <code className="font-mono text-xs text-zinc-700">{c.getValue()}</code>,
});
const source = col.accessor("source", { header: "Source", cell: (c) => <Badge>{c.getValue()}</Badge> });
const joined = col.accessor("joinedAt", {
  header: "Joined",
  enableSorting: true,
  cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
});

export const referrerColumns = col.columns([person, code, source, joined]);

export const leadColumns = col.columns([
  person,
  code,
  col.accessor("referrer", {
    header: "Referrer",
    cell: (c) => {
      const referrer = c.getValue();
      return referrer ? (
        <span title={referrer.email}>{referrer.firstName}</span>
      ) : (
        <span className="text-zinc-400">—</span>
      );
    },
  }),
  source,
  col.accessor("status", {
    header: "Status",
    cell: (c) =>
      c.getValue() === "qualified" ? <Badge tone="green">Qualified</Badge> : <Badge tone="amber">Pending</Badge>,
  }),
  joined,
  col.accessor("qualifiedAt", {
    header: "Qualified",
    enableSorting: true,
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => <LeadActions lead={c.row.original} />,
  }),
]);
