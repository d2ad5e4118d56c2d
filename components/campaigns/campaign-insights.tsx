import Link from "next/link";
import { Activity as ActivityIcon } from "lucide-react";
import { LineChart } from "@/components/charts/line-chart";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import type { Activity, CampaignActivity, Funnel, TopReferrer } from "@/lib/campaigns/campaign-insights";
import { INSIGHT_RANGES, type InsightRange } from "@/lib/campaigns/insight-range";

const METRICS: { key: keyof Activity; label: string; color: string }[] = [
  { key: "referrersJoined", label: "Referrers joined", color: "#4f46e5" },
  { key: "leadsCreated", label: "Leads created", color: "#0ea5e9" },
  { key: "leadsQualified", label: "Leads qualified", color: "#10b981" },
  { key: "rewardsIssued", label: "Rewards issued", color: "#f59e0b" },
];

type Props = {
  range: InsightRange;
  timeZone: string;
  activity: CampaignActivity;
  funnel: Funnel;
  topReferrers: TopReferrer[];
};

/** The Overview's picture of a period: activity per day, the funnel and the best referrers. */
export function CampaignInsights({ range, timeZone, activity, funnel, topReferrers }: Props) {
  const period = `last ${range} days`;
  const quiet = METRICS.every((m) => activity.totals[m.key] === 0 && activity.previous[m.key] === 0);
  return (
    <section aria-labelledby="activity-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="activity-heading" className="text-lg font-semibold text-zinc-900">
            Activity
          </h2>
          <p className="text-sm text-zinc-500">
            The {period}, days in {timeZone} (change it in Settings).
          </p>
        </div>
        <RangeSwitcher range={range} />
      </div>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {METRICS.map((metric) => (
          <div key={metric.key} className="rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-xs">
            <dt className="flex items-center gap-2 text-sm text-zinc-500">
              <span
                className="inline-block size-2 rounded-full"
                style={{ backgroundColor: metric.color }}
                aria-hidden
              />
              {metric.label}
            </dt>
            <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums" data-testid={`period-${metric.key}`}>
              {activity.totals[metric.key]}
            </dd>
            <dd className="text-xs text-zinc-500">
              <Change now={activity.totals[metric.key]} before={activity.previous[metric.key]} range={range} />
            </dd>
          </div>
        ))}
      </dl>
      <Card>
        <CardHeader title="Per day" description={`Referrers, leads and rewards per day, ${period}.`} />
        <div className="px-5 py-4">
          {quiet ? (
            <EmptyState icon={ActivityIcon} title={`Nothing happened in the ${period}`}>
              When referrers join, their friends sign up as leads, leads qualify and rewards are issued, each day shows
              here.
            </EmptyState>
          ) : (
            <LineChart
              title={`Referrers joined, leads created, leads qualified and rewards issued per day, ${period}`}
              days={activity.days.map((d) => d.day)}
              series={METRICS.map((m) => ({
                label: m.label,
                color: m.color,
                values: activity.days.map((d) => d[m.key]),
              }))}
            />
          )}
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <FunnelCard funnel={funnel} period={period} />
        <TopReferrersCard referrers={topReferrers} period={period} />
      </div>
    </section>
  );
}

function RangeSwitcher({ range }: { range: InsightRange }) {
  return (
    <nav aria-label="Period" className="inline-flex rounded-md bg-white p-0.5 shadow-xs ring-1 ring-zinc-200">
      {INSIGHT_RANGES.map((days) => (
        <Link
          key={days}
          href={`?range=${days}`}
          scroll={false}
          aria-current={days === range ? "page" : undefined}
          className={cn(
            "rounded px-3 py-1 text-sm font-medium",
            days === range ? "bg-indigo-50 text-indigo-700" : "text-zinc-600 hover:bg-zinc-50",
          )}
        >
          {days} days
        </Link>
      ))}
    </nav>
  );
}

function Change({ now, before, range }: { now: number; before: number; range: InsightRange }) {
  const against = `vs previous ${range} days`;
  if (before === 0) return <>None in the previous {range} days</>;
  const percent = Math.round(((now - before) / before) * 100);
  if (percent === 0) return <>No change {against}</>;
  return (
    <span className={percent > 0 ? "text-emerald-700" : "text-red-700"}>
      <span aria-hidden>{percent > 0 ? "▲" : "▼"} </span>
      {percent > 0 ? "Up" : "Down"} {Math.abs(percent)}% {against} ({before})
    </span>
  );
}

const rate = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);

function FunnelCard({ funnel, period }: { funnel: Funnel; period: string }) {
  const steps = [
    { label: "Referrers", value: funnel.referrers, note: "in the campaign at the end of the period" },
    {
      label: "Brought a lead",
      value: funnel.referrersWithLeads,
      note: `${rate(funnel.referrersWithLeads, funnel.referrers)} of referrers`,
    },
    {
      label: "Leads",
      value: funnel.leads,
      note:
        funnel.referrersWithLeads === 0
          ? "signed up through a referral"
          : `${(funnel.leads / funnel.referrersWithLeads).toFixed(1)} per referrer who brought one`,
    },
    { label: "Qualified", value: funnel.qualified, note: `${rate(funnel.qualified, funnel.leads)} of those leads` },
  ];
  const widest = Math.max(1, ...steps.map((s) => s.value));
  return (
    <Card>
      <CardHeader title="Funnel" description={`Leads who signed up in the ${period}, and where they are now.`} />
      <ol className="space-y-3 px-5 py-4" aria-label="Funnel">
        {steps.map((step) => (
          <li key={step.label}>
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-zinc-800">{step.label}</span>
              <span className="text-zinc-500">
                <span className="font-semibold text-zinc-900 tabular-nums" data-testid={`funnel-${step.label}`}>
                  {step.value}
                </span>{" "}
                · {step.note}
              </span>
            </div>
            <div className="mt-1 h-2 rounded-full bg-zinc-100" aria-hidden>
              <div
                className="h-2 rounded-full bg-indigo-500"
                style={{ width: `${Math.max(step.value > 0 ? 2 : 0, (step.value / widest) * 100)}%` }}
              />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function TopReferrersCard({ referrers, period }: { referrers: TopReferrer[]; period: string }) {
  return (
    <Card>
      <CardHeader title="Top referrers" description={`By leads qualified in the ${period}.`} />
      {referrers.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">
          No lead qualified in the {period}. The referrers whose leads qualify most show here.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Top referrers by leads qualified in the {period}</caption>
          <thead className="text-xs text-zinc-500">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium">
                Referrer
              </th>
              <th scope="col" className="px-5 py-2 text-right font-medium">
                Qualified leads
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {referrers.map((referrer) => (
              <tr key={referrer.id} data-testid="top-referrer">
                <td className="px-5 py-2">
                  <span className="font-medium text-zinc-900">{referrer.firstName}</span>
                  <span className="block text-xs text-zinc-500">{referrer.email}</span>
                </td>
                <td className="px-5 py-2 text-right font-semibold text-zinc-900 tabular-nums">{referrer.qualified}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
