import { AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { ChartLegend, ChartTable } from "./chart-table";
import type { ChartSeries } from "./line-chart";

export type StackedBarsProps = {
  /** What a screen reader hears as the chart's name; also the table's caption. */
  title: string;
  /** One per bar, for its tooltip and the table's row headers (e.g. "09:00–10:00 UTC"). */
  bars: string[];
  /** Stacked bottom to top in this order; each has one value per bar. */
  series: ChartSeries[];
  /** Written under the left end, the middle and the right end of the time axis. */
  axis: [start: string, middle: string, end: string];
};

type Stack = { key: string; y0: number; y1: number; color: string }[];

function stacks(bars: string[], series: ChartSeries[]): Stack[] {
  return bars.map((_, i) => {
    let top = 0;
    return series.map((s) => {
      const y0 = top;
      top += s.values[i] ?? 0;
      return { key: s.label, y0, y1: top, color: s.color };
    });
  });
}

const tooltip = (bar: string, series: ChartSeries[], i: number) =>
  `${bar}: ${series.map((s) => `${s.values[i] ?? 0} ${s.label.toLowerCase()}`).join(", ")}`;

const WIDTH = 720;
const HEIGHT = 200;
const MARGIN = { top: 8, right: 8, bottom: 24, left: 36 };
const AXIS_TEXT = { fill: "#71717a", fontSize: 11, fontFamily: "inherit" } as const;

/**
 * Counts per time bucket as stacked bars, rendered on the server as SVG (visx scales and shapes,
 * no browser JavaScript), like LineChart: a native tooltip per bar, `title` as the accessible
 * name, and the same numbers as a table under it.
 */
export function StackedBars({ title, bars, series, axis }: StackedBarsProps) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const stacked = stacks(bars, series);
  const max = Math.max(1, ...stacked.map((stack) => stack.at(-1)?.y1 ?? 0));
  const x = scaleBand({ domain: bars.map((_, i) => i), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear({ domain: [0, max], range: [innerHeight, 0], nice: true });
  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(Math.min(4, max)).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#f4f4f5" />
          ))}
          {stacked.map((stack, i) => (
            <g key={i}>
              <title>{tooltip(bars[i]!, series, i)}</title>
              {/* The whole column carries the tooltip, so an empty bucket answers too. */}
              <rect x={x(i)} y={0} width={x.bandwidth()} height={innerHeight} fill="transparent" />
              {stack.map((part) =>
                part.y1 > part.y0 ? (
                  <Bar
                    key={part.key}
                    x={x(i)}
                    y={y(part.y1)}
                    width={x.bandwidth()}
                    height={y(part.y0) - y(part.y1)}
                    fill={part.color}
                  />
                ) : null,
              )}
            </g>
          ))}
          <AxisLeft
            scale={y}
            numTicks={Math.min(4, max)}
            tickFormat={(value) => String(value)}
            hideAxisLine
            hideTicks
            tickLabelProps={{ ...AXIS_TEXT, textAnchor: "end", dx: -4, dy: "0.33em" }}
          />
          <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="#d4d4d8" />
          {axis.map((label, i) => (
            <text
              key={i}
              x={(innerWidth * i) / 2}
              y={innerHeight + 16}
              textAnchor={(["start", "middle", "end"] as const)[i]}
              {...AXIS_TEXT}
            >
              {label}
            </text>
          ))}
        </Group>
      </svg>
      <ChartLegend series={series} swatch="box" />
      <ChartTable title={title} rowHeader="Time (UTC)" rows={bars} series={series} />
    </div>
  );
}

const MINI_WIDTH = 120;
const MINI_HEIGHT = 28;

/** The same bars at sparkline size, for a table cell: no axes; `title` is its accessible name. */
export function MiniStackedBars({ title, bars, series }: Omit<StackedBarsProps, "axis">) {
  const stacked = stacks(bars, series);
  const max = Math.max(1, ...stacked.map((stack) => stack.at(-1)?.y1 ?? 0));
  const x = scaleBand({ domain: bars.map((_, i) => i), range: [0, MINI_WIDTH], padding: 0.15 });
  const y = scaleLinear({ domain: [0, max], range: [MINI_HEIGHT, 0] });
  return (
    <svg viewBox={`0 0 ${MINI_WIDTH} ${MINI_HEIGHT}`} role="img" aria-label={title} className="h-7 w-30">
      <line x1={0} x2={MINI_WIDTH} y1={MINI_HEIGHT - 0.5} y2={MINI_HEIGHT - 0.5} stroke="#e4e4e7" />
      {stacked.map((stack, i) => (
        <g key={i}>
          <title>{tooltip(bars[i]!, series, i)}</title>
          <rect x={x(i)} y={0} width={x.bandwidth()} height={MINI_HEIGHT} fill="transparent" />
          {stack.map((part) =>
            part.y1 > part.y0 ? (
              <Bar
                key={part.key}
                x={x(i)}
                y={y(part.y1)}
                width={x.bandwidth()}
                height={Math.max(1, y(part.y0) - y(part.y1))}
                fill={part.color}
              />
            ) : null,
          )}
        </g>
      ))}
    </svg>
  );
}
