import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { NavLink } from "@/components/shell/nav-link";
import { loadCampaign } from "@/lib/campaigns/load-campaign";

export default async function CampaignLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ campaignId: string }>;
}) {
  const { campaignId } = await params;
  const { campaign } = await loadCampaign(campaignId);
  const base = `/campaigns/${campaign.id}`;
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/referrers`, label: "Referrers" },
    { href: `${base}/leads`, label: "Leads" },
    { href: `${base}/rewards`, label: "Rewards" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/campaigns" className="hover:text-zinc-700">
            Campaigns
          </Link>
        }
        title={campaign.name}
      />
      <nav aria-label="Campaign" className="mb-6 flex gap-1 border-b border-zinc-200">
        {tabs.map((tab) => (
          <NavLink
            key={tab.href}
            href={tab.href}
            exact={tab.exact}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium aria-[current=page]:border-indigo-600 aria-[current=page]:bg-transparent"
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </>
  );
}
