import type { Db } from "@/db/client";
import { inboundRequests, type Campaign, type Participant } from "@/db/schema";
import type { Result } from "@/lib/errors/result";
import { qualifyFoundLead, type FoundLead, type Qualification } from "@/lib/participants/qualify-lead";
import { inboundFailure, type InboundFailure } from "./inbound-errors";
import { inboundLogRow, recordInboundRequest, type InboundLogEntry } from "./record-inbound-request";

export type InboundQualification =
  { ok: true; lead: Participant; alreadyQualified: boolean; changed: boolean } | InboundFailure;
/** What the request log records of an outcome. */
export type LoggedOutcome = { ok: true; alreadyQualified: boolean } | InboundFailure;

/**
 * Qualifies the lead the token's campaign holds under the code (read with the token check),
 * through the same `qualifyFoundLead` as the dashboard and the API, and logs the request. A new
 * qualification writes its log row in its own statement; an answer the read settled was logged by
 * the token check (`alreadyLogged`); any other outcome (another request qualified the lead in
 * between) writes it alone.
 */
export async function qualifyLeadInCampaign(
  db: Db,
  { campaign, found, alreadyLogged }: { campaign: Campaign; found: FoundLead | null; alreadyLogged: boolean },
  logEntry: (outcome: LoggedOutcome) => InboundLogEntry,
): Promise<InboundQualification> {
  const result = await qualifyFoundLead(db, campaign.teamId, found, {
    campaign,
    alsoInsert: [
      { table: inboundRequests, row: inboundLogRow(campaign, logEntry({ ok: true, alreadyQualified: false })) },
    ],
  });
  const outcome = toInbound(result);
  if (!(outcome.ok && outcome.changed) && !alreadyLogged) await recordInboundRequest(db, campaign, logEntry(outcome));
  return outcome;
}

function toInbound(result: Result<Qualification>): InboundQualification {
  if (!result.ok) return inboundFailure(result.code === "not_found" ? "unknown_referral_code" : "not_a_lead");
  return { ok: true, ...result.value };
}
