import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Megaphone, Plus } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMarketer } from "@/lib/auth/session";
import { can } from "@/lib/teams/permissions";
import { Sparkline } from "@/components/charts/sparkline";
import { getLeadSparklines, SPARKLINE_DAYS } from "@/lib/campaigns/campaign-insights";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const ctx = await requireMarketer();
  const campaigns = await listCampaigns(ctx);
  const sparklines = await getLeadSparklines(ctx, campaigns);
  const newButton = can(ctx.role, "manageCampaigns") ? (
    <Button asChild>
      <Link href="/campaigns/new">
        <Plus className="size-4" aria-hidden /> New campaign
      </Link>
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Your referral programs, their people and what they have earned."
        actions={campaigns.length ? newButton : null}
      />
      {campaigns.length === 0 ? (
        <Card>
          <EmptyState icon={Megaphone} title="Create your first campaign" action={newButton}>
            A campaign gives every referrer a link to share. Friends who sign up through it become leads; when a lead
            qualifies, the referrer earns the reward you choose, and your webhooks tell your other systems.
          </EmptyState>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Campaigns">
          {campaigns.map((c) => (
            <li key={c.id}>
              <Link
                href={`/campaigns/${c.id}`}
                className="group block h-full rounded-lg border border-zinc-200 bg-white p-5 shadow-xs transition hover:border-indigo-300 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <div className="flex items-start justify-between gap-2">
                  <h2 className="font-semibold text-zinc-900">{c.name}</h2>
                  <ArrowRight className="size-4 text-zinc-300 transition group-hover:text-indigo-500" aria-hidden />
                </div>
                <p className="mt-1 truncate text-sm text-zinc-500">{c.referrerReward}</p>
                <dl className="mt-5 grid grid-cols-3 gap-2 text-center">
                  {[
                    ["Referrers", c.referrers],
                    ["Leads", c.leads],
                    ["Qualified", c.qualified],
                  ].map(([label, n]) => (
                    <div key={label} className="rounded-md bg-zinc-50 py-2">
                      <dt className="text-xs text-zinc-500">{label}</dt>
                      <dd className="text-lg font-semibold text-zinc-900 tabular-nums">{n}</dd>
                    </div>
                  ))}
                </dl>
                <LeadTrend values={sparklines.get(c.id) ?? []} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function LeadTrend({ values }: { values: number[] }) {
  const total = values.reduce((sum, n) => sum + n, 0);
  const summary = `${total} ${total === 1 ? "lead" : "leads"} in the last ${SPARKLINE_DAYS} days`;
  return (
    <div className="mt-4 flex items-center justify-between gap-3" data-testid="lead-trend">
      <span className="text-xs text-zinc-500">{summary}</span>
      <Sparkline values={values} label={`Leads per day: ${summary}, most on one day ${Math.max(0, ...values)}`} />
    </div>
  );
}
