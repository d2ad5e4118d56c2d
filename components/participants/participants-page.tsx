import { AddParticipantDialog } from "@/components/participants/add-participant-dialog";
import { ImportDialog } from "@/components/participants/import-dialog";
import { ParticipantsTable } from "@/components/participants/participants-table";
import { loadCampaign } from "@/lib/campaigns/load-campaign";
import type { SearchParamsRecord } from "@/lib/tables/list-params";
import { listParticipants } from "@/lib/participants/list-participants";
import { parseParticipantListParams } from "@/lib/participants/participant-list-params";

/** The Referrers and Leads tabs: the same page over one kind of participant. */
export async function ParticipantsPage({
  campaignId,
  kind,
  searchParams,
  actions,
}: {
  campaignId: string;
  kind: "referrer" | "lead";
  searchParams: SearchParamsRecord;
  actions?: React.ReactNode;
}) {
  const { ctx, campaign } = await loadCampaign(campaignId);
  const query = { kind, ...parseParticipantListParams(searchParams) };
  const { rows, hasNextPage } = await listParticipants(ctx, campaign.id, query);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {actions}
        <ImportDialog campaignId={campaign.id} />
        <AddParticipantDialog campaignId={campaign.id} type={kind} />
      </div>
      <ParticipantsTable
        kind={kind}
        rows={rows}
        page={query.page}
        pageSize={query.pageSize}
        hasNextPage={hasNextPage}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        filtered={Boolean(query.q || query.source || query.status)}
      />
    </div>
  );
}
