import { listParamsSchema, type SearchParamsRecord } from "@/lib/tables/list-params";
import { leadStatusFilter, participantSourceFilter } from "./schemas";

const baseParams = listParamsSchema({
  sortable: ["joinedAt", "firstName", "email", "qualifiedAt"],
  defaultSort: "joinedAt",
  defaultDir: "desc",
});

/** A Referrers or Leads tab's URL state: paging, sorting, search and filters. */
export function parseParticipantListParams(searchParams: SearchParamsRecord) {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return {
    ...baseParams.parse(searchParams),
    source: participantSourceFilter.parse(first(searchParams.source)),
    status: leadStatusFilter.parse(first(searchParams.status)),
  };
}
