import type { Metadata } from "next";
import { QualifyLeadsMenu } from "@/components/inbound/qualify-leads-menu";
import { ParticipantsPage } from "@/components/participants/participants-page";
import { requireMarketer } from "@/lib/auth/session";
import type { SearchParamsRecord } from "@/lib/tables/list-params";
import { can } from "@/lib/teams/permissions";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage(props: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId }, searchParams, { role }] = await Promise.all([
    props.params,
    props.searchParams,
    requireMarketer(),
  ]);
  return (
    <ParticipantsPage
      campaignId={campaignId}
      kind="lead"
      searchParams={searchParams}
      // The inbound URL is an integration secret: Members qualify leads one by one instead.
      actions={can(role, "manageIntegrations") ? <QualifyLeadsMenu campaignId={campaignId} /> : null}
    />
  );
}
