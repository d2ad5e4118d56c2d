import type { ChartSeries } from "./line-chart";

/**
 * A chart's values as a table, folded under "Show as a table": what a screen reader (or anyone
 * who wants the numbers) reads instead of the SVG. `rows` name the x values: days, hours.
 */
export function ChartTable({
  title,
  rowHeader,
  rows,
  series,
}: {
  title: string;
  rowHeader: string;
  rows: string[];
  series: ChartSeries[];
}) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-xs font-medium text-zinc-500 hover:text-zinc-700">
        Show as a table
      </summary>
      <div className="mt-2 max-h-72 overflow-y-auto" tabIndex={0} role="region" aria-label={`${title}: table`}>
        <table className="w-full text-left text-xs tabular-nums">
          <caption className="sr-only">{title}</caption>
          <thead className="sticky top-0 bg-white text-zinc-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                {rowHeader}
              </th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="py-1 pr-3 text-right font-medium">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 text-zinc-700">
            {rows.map((row, i) => (
              <tr key={i}>
                <th scope="row" className="py-1 pr-3 font-normal">
                  {row}
                </th>
                {series.map((s) => (
                  <td key={s.label} className="py-1 pr-3 text-right">
                    {s.values[i] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Which colour is which series; the SVG's accessible name and the table say it for screen readers. */
export function ChartLegend({ series, swatch }: { series: ChartSeries[]; swatch: "line" | "box" }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" aria-hidden>
      {series.map((s) => (
        <li key={s.label} className="flex items-center gap-1.5">
          <span
            className={swatch === "line" ? "inline-block h-0.5 w-4 rounded" : "inline-block size-2.5 rounded-sm"}
            style={{ backgroundColor: s.color }}
          />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
