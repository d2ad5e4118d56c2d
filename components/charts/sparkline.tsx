import { scaleLinear } from "@visx/scale";
import { AreaClosed, LinePath } from "@visx/shape";

const WIDTH = 120;
const HEIGHT = 32;

/** A small trend line, rendered on the server as SVG; `label` is what a screen reader hears instead. */
export function Sparkline({ values, label, color = "#4f46e5" }: { values: number[]; label: string; color?: string }) {
  const x = scaleLinear({ domain: [0, Math.max(1, values.length - 1)], range: [1, WIDTH - 1] });
  const y = scaleLinear({ domain: [0, Math.max(1, ...values)], range: [HEIGHT - 2, 2] });
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-8 w-30">
      <AreaClosed data={values} x={(_, i) => x(i)} y={(value) => y(value)} yScale={y} fill={color} fillOpacity={0.1} />
      <LinePath data={values} x={(_, i) => x(i)} y={(value) => y(value)} stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
