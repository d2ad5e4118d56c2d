import type { Metadata } from "next";
import { QualifyLeadsMenu } from "@/components/inbound/qualify-leads-menu";
import { ParticipantsPage } from "@/components/participants/participants-page";
import type { SearchParamsRecord } from "@/lib/tables/list-params";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage(props: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return (
    <ParticipantsPage
      campaignId={campaignId}
      kind="lead"
      searchParams={searchParams}
      actions={<QualifyLeadsMenu campaignId={campaignId} />}
    />
  );
}
