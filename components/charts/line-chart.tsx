import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { ChartLegend, ChartTable } from "./chart-table";
import { longDay, shortDay } from "./day-format";

export type ChartSeries = { label: string; color: string; values: number[] };

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 28, bottom: 28, left: 40 };
const AXIS_TEXT = { fill: "#71717a", fontSize: 11, fontFamily: "inherit" } as const;

/**
 * Values per day as lines, rendered on the server as SVG (visx scales, shapes and axes, no
 * browser JavaScript). The SVG scales with its container; hovering a day shows its values as a
 * native tooltip. Screen readers get `title` as its name and the table under it.
 */
export function LineChart({ title, days, series }: { title: string; days: string[]; series: ChartSeries[] }) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scalePoint({ domain: days, range: [0, innerWidth] });
  const y = scaleLinear({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const step = days.length > 1 ? innerWidth / (days.length - 1) : innerWidth;
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="h-auto w-full">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(Math.min(5, max)).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#f4f4f5" />
          ))}
          {series.map((s) => (
            <LinePath
              key={s.label}
              data={s.values}
              x={(_, i) => x(days[i]!) ?? 0}
              y={(value) => y(value)}
              stroke={s.color}
              strokeWidth={2}
              strokeLinejoin="round"
              strokeLinecap="round"
            />
          ))}
          {days.length <= 31
            ? series.map((s) =>
                s.values.map((value, i) => (
                  <circle key={`${s.label}-${i}`} cx={x(days[i]!)} cy={y(value)} r={2.5} fill={s.color} />
                )),
              )
            : null}
          {days.map((day, i) => (
            // One transparent band per day carries its values as a tooltip.
            <rect key={day} x={(x(day) ?? 0) - step / 2} y={0} width={step} height={innerHeight} fill="transparent">
              <title>{`${longDay(day)}: ${series.map((s) => `${s.values[i]} ${s.label.toLowerCase()}`).join(", ")}`}</title>
            </rect>
          ))}
          <AxisLeft
            scale={y}
            numTicks={Math.min(5, max)}
            tickFormat={(value) => String(value)}
            hideAxisLine
            hideTicks
            tickLabelProps={{ ...AXIS_TEXT, textAnchor: "end", dx: -4, dy: "0.33em" }}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={days.filter((_, i) => (days.length - 1 - i) % labelEvery === 0)}
            tickFormat={(day) => shortDay(day)}
            stroke="#d4d4d8"
            tickStroke="#d4d4d8"
            tickLabelProps={{ ...AXIS_TEXT, textAnchor: "middle" }}
          />
        </Group>
      </svg>
      <ChartLegend series={series} swatch="line" />
      <ChartTable title={title} rowHeader="Day" rows={days.map(longDay)} series={series} />
    </div>
  );
}
