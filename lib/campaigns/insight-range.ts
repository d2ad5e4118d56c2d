// Browser-safe: the range switcher and the pages share these.

/** The Overview's periods, in days; the range lives in the URL (`?range=30`). */
export const INSIGHT_RANGES = [7, 30, 90] as const;
export type InsightRange = (typeof INSIGHT_RANGES)[number];
export const DEFAULT_RANGE: InsightRange = 30;

/** A `range` search parameter as a period; anything else is the default. */
export function parseInsightRange(value: string | string[] | undefined): InsightRange {
  const days = Number(Array.isArray(value) ? value[0] : value);
  return (INSIGHT_RANGES as readonly number[]).includes(days) ? (days as InsightRange) : DEFAULT_RANGE;
}
