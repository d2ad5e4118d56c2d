import Link from "next/link";
import { Activity } from "lucide-react";
import type { ChartSeries } from "@/components/charts/line-chart";
import { MiniStackedBars, StackedBars } from "@/components/charts/stacked-bars";
import { cn } from "@/components/ui/cn";
import { failureReasons } from "@/db/enums";
import {
  HEALTH_WINDOWS,
  healthWindows,
  type HealthWindow,
  type WebhookHealth,
} from "@/lib/webhooks/delivery/delivery-health";
import { FAILURE_REASON_LABELS } from "@/lib/webhooks/failure-reason";

// Fixed locale and zone, as everywhere in the dashboard: server-rendered text, times in UTC.
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-US");
const time = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const formatRate = (rate: number | null) => (rate === null ? "—" : percent.format(rate));

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

const COLORS = { delivered: "#10b981", inProgress: "#f59e0b", failed: "#ef4444" };

function chartOf(health: WebhookHealth) {
  const { bucketMs } = HEALTH_WINDOWS[health.window];
  const bars = health.buckets.map(({ start }) => {
    const end = new Date(start.getTime() + bucketMs);
    return `${day.format(start)} ${time.format(start)}–${time.format(end)} UTC`;
  });
  const series: ChartSeries[] = [
    { label: "Delivered", color: COLORS.delivered, values: health.buckets.map((b) => b.delivered) },
    { label: "In progress", color: COLORS.inProgress, values: health.buckets.map((b) => b.inProgress) },
    { label: "Failed", color: COLORS.failed, values: health.buckets.map((b) => b.failed) },
  ];
  const { delivered, inProgress, failed } = health.deliveries;
  const per = bucketMs === 3_600_000 ? "hour" : `${bucketMs / 3_600_000} hours`;
  const title = `Deliveries per ${per} over the last ${HEALTH_WINDOWS[health.window].label}: ${delivered} delivered, ${inProgress} in progress, ${failed} failed`;
  return { bars, series, title };
}

/** The API & Webhooks table's cell: the last 24 hours at a glance. */
export function WebhookHealthCell({ health }: { health: WebhookHealth | undefined }) {
  if (!health || health.deliveries.total === 0)
    return <span className="text-xs text-zinc-500">No deliveries in the last 24 hours</span>;
  const { bars, series, title } = chartOf(health);
  return (
    <div className="w-32 space-y-1" data-testid="webhook-health">
      <MiniStackedBars title={title} bars={bars} series={series} />
      <p className="text-xs whitespace-nowrap text-zinc-700 tabular-nums">
        <span className="font-medium text-zinc-900">{formatRate(health.successRate)}</span> delivered
      </p>
      <p className="text-xs whitespace-nowrap text-zinc-500 tabular-nums">
        p50 {formatDuration(health.p50Ms)} · p95 {formatDuration(health.p95Ms)}
      </p>
    </div>
  );
}

/** What the figures mean, said once under the figures that use them. */
function HealthDefinitions({ window }: { window: HealthWindow }) {
  const label = HEALTH_WINDOWS[window].label;
  return (
    <p className="text-xs text-zinc-500">
      Over the last {label}, test sends included. <strong className="font-medium">Delivered</strong>: the share of
      deliveries created in that time that have finished (delivered or failed) and were delivered.{" "}
      <strong className="font-medium">p50 / p95</strong>: the median and 95th-percentile duration of the attempts made
      in that time, from sending the request to the end of the answer.
    </p>
  );
}

type WindowLink = { window: HealthWindow; href: string };

/** The delivery log's health: figures, deliveries over time, and failures by reason. */
export function WebhookHealthPanel({ health, windows }: { health: WebhookHealth; windows: WindowLink[] }) {
  const label = HEALTH_WINDOWS[health.window].label;
  const { bars, series, title } = chartOf(health);
  const hours = HEALTH_WINDOWS[health.window].ms / 3_600_000;
  const axis: [string, string, string] =
    hours <= 48
      ? [`${hours} h ago`, `${hours / 2} h ago`, "now"]
      : [`${hours / 24} d ago`, `${hours / 48} d ago`, "now"];
  return (
    <section className="rounded-lg border border-zinc-200 bg-white shadow-xs" aria-labelledby="health-heading">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <h2 id="health-heading" className="text-base font-semibold text-zinc-900">
          Health, last {label}
        </h2>
        <nav aria-label="Health period" className="flex rounded-md border border-zinc-200 p-0.5 text-sm">
          {windows.map((w) => (
            <Link
              key={w.window}
              href={w.href}
              scroll={false}
              aria-current={w.window === health.window ? "page" : undefined}
              className={cn(
                "rounded px-3 py-1 font-medium text-zinc-600 hover:text-zinc-900",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600",
                w.window === health.window && "bg-zinc-900 text-white hover:text-white",
              )}
            >
              {HEALTH_WINDOWS[w.window].label}
            </Link>
          ))}
        </nav>
      </div>
      {health.deliveries.total === 0 && health.attempts === 0 ? (
        <div className="flex flex-col items-center px-6 py-10 text-center" data-testid="health-empty">
          <div className="flex size-11 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
            <Activity className="size-5" aria-hidden />
          </div>
          <h3 className="mt-4 text-sm font-semibold text-zinc-900">No deliveries in the last {label}</h3>
          <p className="mt-1 max-w-md text-sm text-zinc-500">
            When this webhook&apos;s event happens, or you send a test event, its success rate, response times,
            deliveries over time and failures by reason appear here.
          </p>
        </div>
      ) : (
        <div className="space-y-5 p-5" data-testid="webhook-health-panel">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Figure
              term="Delivered"
              value={formatRate(health.successRate)}
              detail={`${count.format(health.deliveries.delivered)} of ${count.format(health.deliveries.delivered + health.deliveries.failed)} finished deliveries`}
            />
            <Figure term="Median response" value={formatDuration(health.p50Ms)} detail="p50 of attempt durations" />
            <Figure term="95th percentile" value={formatDuration(health.p95Ms)} detail="p95 of attempt durations" />
            <Figure
              term="Attempts"
              value={count.format(health.attempts)}
              detail={`${count.format(health.failedAttempts)} failed · ${count.format(health.deliveries.inProgress)} deliveries in progress`}
            />
          </dl>
          <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
            <div>
              <h3 className="mb-2 text-sm font-medium text-zinc-900">Deliveries by outcome</h3>
              <StackedBars title={title} bars={bars} series={series} axis={axis} />
            </div>
            <div>
              <h3 className="mb-2 text-sm font-medium text-zinc-900">Failed attempts by reason</h3>
              <FailureReasons health={health} />
            </div>
          </div>
          <HealthDefinitions window={health.window} />
        </div>
      )}
    </section>
  );
}

function Figure({ term, value, detail }: { term: string; value: string; detail: string }) {
  return (
    <div className="rounded-md bg-zinc-50 p-3">
      <dt className="text-xs font-medium text-zinc-500">{term}</dt>
      <dd className="mt-1 text-xl font-semibold text-zinc-900 tabular-nums">{value}</dd>
      <dd className="mt-0.5 text-xs text-zinc-500">{detail}</dd>
    </div>
  );
}

function FailureReasons({ health }: { health: WebhookHealth }) {
  if (health.failedAttempts === 0)
    return (
      <p className="text-sm text-zinc-500">No attempt failed in the last {HEALTH_WINDOWS[health.window].label}.</p>
    );
  const max = Math.max(...Object.values(health.failures));
  return (
    <ul className="space-y-2 text-sm" data-testid="failure-reasons">
      {failureReasons.map((reason) => {
        const n = health.failures[reason];
        const { label, hint } = FAILURE_REASON_LABELS[reason];
        return (
          <li key={reason}>
            <div className="flex justify-between gap-3">
              <span className={n ? "text-zinc-900" : "text-zinc-500"}>
                {label} <span className="text-xs text-zinc-500">({hint})</span>
              </span>
              <span className="font-medium text-zinc-900 tabular-nums">{count.format(n)}</span>
            </div>
            <div className="mt-1 h-1.5 rounded-full bg-zinc-100" aria-hidden>
              <div className="h-1.5 rounded-full bg-red-400" style={{ width: `${(n / max) * 100}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The window switch's targets: the current URL with only `window` changed. */
export function healthWindowLinks(hrefFor: (window: HealthWindow) => string): WindowLink[] {
  return healthWindows.map((window) => ({ window, href: hrefFor(window) }));
}
