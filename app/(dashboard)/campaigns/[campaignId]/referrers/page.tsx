import type { Metadata } from "next";
import { ParticipantsPage } from "@/components/participants/participants-page";
import type { SearchParamsRecord } from "@/lib/tables/list-params";

export const metadata: Metadata = { title: "Referrers" };

export default async function ReferrersPage(props: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const [{ campaignId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return <ParticipantsPage campaignId={campaignId} kind="referrer" searchParams={searchParams} />;
}
