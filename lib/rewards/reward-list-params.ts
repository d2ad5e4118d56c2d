import { z } from "zod";
import { rewardStatuses } from "@/db/enums";
import { listParamsSchema, type SearchParamsRecord } from "@/lib/tables/list-params";

const baseParams = listParamsSchema({ sortable: ["createdAt"], defaultSort: "createdAt", defaultDir: "desc" });
const statusFilter = z.enum(rewardStatuses).optional().catch(undefined);

/** The Rewards tab's URL state: paging and the status filter (the page and its CSV export read it here). */
export function parseRewardListParams(searchParams: SearchParamsRecord) {
  const { page, pageSize } = baseParams.parse(searchParams);
  const status = statusFilter.parse(Array.isArray(searchParams.status) ? searchParams.status[0] : searchParams.status);
  return { page, pageSize, status };
}
