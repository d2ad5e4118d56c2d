"use client";

import { Users } from "lucide-react";
import { ExportButton } from "@/components/exports/export-button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFilter } from "@/components/ui/table-filter";
import { TableSearch } from "@/components/ui/table-search";
import { participantSources } from "@/db/enums";
import type { ParticipantRow } from "@/lib/participants/list-participants";
import { leadColumns, referrerColumns } from "./participant-columns";

type Props = {
  kind: "referrer" | "lead";
  rows: ParticipantRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  sort: { id: string; desc: boolean };
  filtered: boolean;
};

const sourceOptions = participantSources.map((s) => ({ value: s, label: s }));
const statusOptions = [
  { value: "pending", label: "Pending" },
  { value: "qualified", label: "Qualified" },
];

export function ParticipantsTable({ kind, rows, filtered, ...paging }: Props) {
  const noun = kind === "referrer" ? "referrers" : "leads";
  return (
    <DataTable
      label={kind === "referrer" ? "Referrers" : "Leads"}
      columns={kind === "referrer" ? referrerColumns : leadColumns}
      data={rows}
      getRowId={(row) => row.id}
      {...paging}
      toolbar={
        <>
          <TableSearch placeholder="Search name, email or code" />
          <TableFilter label="Source" param="source" options={sourceOptions} />
          {kind === "lead" ? <TableFilter label="Status" param="status" options={statusOptions} /> : null}
          <ExportButton />
        </>
      }
      emptyState={
        filtered ? (
          <span>No {noun} match these filters.</span>
        ) : (
          <EmptyState icon={Users} title={`No ${noun} yet`}>
            {kind === "referrer"
              ? "Share the join page from the Overview tab, add a referrer by hand or import a CSV."
              : "Leads appear when friends sign up through a referrer's link. You can also add or import them."}
          </EmptyState>
        )
      }
    />
  );
}
