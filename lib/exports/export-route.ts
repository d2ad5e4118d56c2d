import "server-only";
import { currentMarketer, type SignedInContext } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DatabaseUnavailableError,
  isDatabaseUnavailable,
} from "@/lib/errors/database-unavailable";
import { exportParticipants } from "@/lib/participants/export-participants";
import { parseParticipantListParams } from "@/lib/participants/participant-list-params";
import { exportRewards } from "@/lib/rewards/export-rewards";
import { parseRewardListParams } from "@/lib/rewards/reward-list-params";
import type { SearchParamsRecord } from "@/lib/tables/list-params";
import { csvExportResponse, type CsvExport } from "./csv-export";

export type ExportTable = "referrers" | "leads" | "rewards";

type RouteContext = { params: Promise<{ campaignId: string }> };

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });

/** `?a=1&a=2` as a page's `searchParams` holds it, so the table's own parser reads the same thing. */
function searchParamsRecord(url: URL): SearchParamsRecord {
  const record: SearchParamsRecord = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/** The error without the query parameters drizzle puts in its message (emails, search terms). */
const describe = (error: unknown) => (error instanceof Error ? error.message.split("\nparams:")[0] : String(error));

/** For tests: the route with another way of learning who is asking. */
export function createExportRoute(resolveMarketer: () => Promise<SignedInContext | null>) {
  return (table: ExportTable) =>
    async function GET(request: Request, { params }: RouteContext): Promise<Response> {
      const { campaignId } = await params;
      try {
        const ctx = await resolveMarketer();
        if (!ctx) return plain(401, "Sign in to export.");
        const campaign = await getCampaign(ctx, campaignId);
        // Another team's campaign is not found, as on its pages.
        if (!campaign) return plain(404, "Campaign not found.");
        const scope = { table, teamId: ctx.teamId, campaignId: campaign.id };
        const respond = <Row>(csvExport: CsvExport<Row>) =>
          csvExportResponse(csvExport, {
            campaignName: campaign.name,
            // Once rows flow the status is sent: the download ends short and the browser reports it failed.
            onError: (error) => console.error(`[export] ${table} failed while streaming`, scope, describe(error)),
          });
        // The filters are read by the table page's own parser: the file holds what the table shows, every page.
        const searchParams = searchParamsRecord(new URL(request.url));
        if (table === "rewards")
          return respond(await exportRewards(ctx, campaign, parseRewardListParams(searchParams)));
        const kind = table === "referrers" ? "referrer" : "lead";
        return respond(await exportParticipants(ctx, campaign, { kind, ...parseParticipantListParams(searchParams) }));
      } catch (error) {
        if (!(error instanceof DatabaseUnavailableError) && !isDatabaseUnavailable(error)) throw error;
        return plain(503, "Referwire is temporarily unavailable. Try again in a few seconds.", {
          "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
        });
      }
    };
}

/** `export const GET = exportRoute("leads")` in the table's `export/route.ts`. */
export const exportRoute = createExportRoute(currentMarketer);
