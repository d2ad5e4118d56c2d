"use client";

import { useTransition } from "react";
import { useParams } from "next/navigation";
import { Gift } from "lucide-react";
import { ExportButton } from "@/components/exports/export-button";
import { toastResult } from "@/components/ui/toast-result";
import { issueRewardAction } from "@/app/(dashboard)/_actions/rewards";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { TableFilter } from "@/components/ui/table-filter";
import type { RewardRow } from "@/lib/rewards/list-rewards";

// A deleted person's rewards stay in the ledger without their name or email.
const DELETED_PERSON = <span className="text-zinc-500 italic">Deleted person</span>;

const col = createDataTableColumnHelper<RewardRow>();
const columns = col.columns([
  col.accessor("recipient", {
    header: "Recipient",
    cell: (c) => {
      const recipient = c.getValue();
      if (!recipient) return DELETED_PERSON;
      return (
        <div>
          <div className="font-medium text-zinc-900">{recipient.firstName}</div>
          <div className="text-xs text-zinc-500">
            {recipient.email} · {recipient.kind}
          </div>
        </div>
      );
    },
  }),
  col.accessor("description", { header: "Reward" }),
  col.accessor("lead", { header: "Earned by lead", cell: (c) => c.getValue()?.firstName ?? DELETED_PERSON }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => (c.getValue() === "issued" ? <Badge tone="green">Issued</Badge> : <Badge tone="amber">Due</Badge>),
  }),
  col.accessor("createdAt", {
    header: "Earned",
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  col.accessor("issuedAt", {
    header: "Issued",
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => <RewardAction reward={c.row.original} />,
  }),
]);

function RewardAction({ reward }: { reward: RewardRow }) {
  if (reward.status !== "due") return null;
  // Nobody is left to receive it: the server refuses too (see issueReward).
  if (!reward.recipient) return <span className="text-xs whitespace-nowrap text-zinc-500">Cannot be issued</span>;
  return <IssueButton reward={reward} recipient={reward.recipient.firstName} />;
}

function IssueButton({ reward, recipient }: { reward: RewardRow; recipient: string }) {
  const { campaignId } = useParams<{ campaignId: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      aria-label={`Issue ${reward.description} to ${recipient}`}
      onClick={() =>
        startTransition(async () => {
          toastResult(await issueRewardAction({ campaignId, rewardId: reward.id }));
        })
      }
    >
      {pending ? "Issuing…" : "Issue"}
    </Button>
  );
}

const statusOptions = [
  { value: "due", label: "Due" },
  { value: "issued", label: "Issued" },
];

export function RewardsTable({
  rows,
  page,
  pageSize,
  hasNextPage,
}: {
  rows: RewardRow[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
}) {
  return (
    <DataTable
      label="Rewards"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      page={page}
      pageSize={pageSize}
      hasNextPage={hasNextPage}
      toolbar={
        <>
          <TableFilter label="Status" param="status" options={statusOptions} />
          <ExportButton />
        </>
      }
      emptyState={
        <EmptyState icon={Gift} title="No rewards here">
          Rewards are earned when leads qualify, following the campaign&apos;s reward rule.
        </EmptyState>
      }
    />
  );
}
