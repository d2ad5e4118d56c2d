import { z } from "zod";

/** The shape of a Next.js page's awaited `searchParams` prop. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export type SortDir = "asc" | "desc";

export type ListParams<TSort extends string = string> = {
  page: number;
  pageSize: number;
  sort: TSort;
  dir: SortDir;
  q: string;
};

export type ListParamsOptions<TSortable extends readonly [string, ...string[]]> = {
  /** Column ids the server can ORDER BY; anything else in the URL falls back to `defaultSort`. */
  sortable: TSortable;
  defaultSort: TSortable[number];
  defaultDir: SortDir;
  maxPageSize?: number;
  defaultPageSize?: number;
};

export const MAX_QUERY_LENGTH = 100;

/**
 * The deepest row a listing reaches by page number. OFFSET makes Postgres walk and discard every
 * skipped row, so a hand-edited `?page=99999999` must not turn into an expensive (or
 * float-overflowing) query. The dashboard's tables stop at the page that reaches it at their
 * default size (and show the first page past it); the REST API refuses to page past it.
 */
export const MAX_LIST_OFFSET = 250_000;
const MAX_PAGE = MAX_LIST_OFFSET / 25;

// `?a=1&a=2` arrives as an array; the first value wins, matching URLSearchParams.get().
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * Builds a schema that turns a page's `searchParams` into list query options.
 * Every field has a `.catch()` fallback because the URL is user-editable:
 * a bad value should show the default view, never an error page.
 *
 * @example
 * const usersParams = listParamsSchema({ sortable: ["joinedAt", "email"], defaultSort: "joinedAt", defaultDir: "desc" });
 * const { page, pageSize, sort, dir, q } = usersParams.parse(await searchParams);
 */
export function listParamsSchema<const TSortable extends readonly [string, ...string[]]>({
  sortable,
  defaultSort,
  defaultDir,
  maxPageSize = 100,
  defaultPageSize = 25,
}: ListParamsOptions<TSortable>) {
  const fields = z.object({
    page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
    pageSize: z.preprocess(firstValue, z.coerce.number().int().min(1).max(maxPageSize)).catch(defaultPageSize),
    sort: z.preprocess(firstValue, z.enum(sortable)).catch(defaultSort),
    dir: z.preprocess(firstValue, z.enum(["asc", "desc"])).catch(defaultDir),
    // Truncating rather than rejecting keeps a pasted long query useful.
    q: z
      .preprocess(
        firstValue,
        z.string().transform((s) => s.trim().slice(0, MAX_QUERY_LENGTH).trim()),
      )
      .catch(""),
  });
  const isRecord = (input: unknown) => typeof input === "object" && input !== null && !Array.isArray(input);
  return z.preprocess((input) => (isRecord(input) ? input : {}), fields);
}

/**
 * LIMIT/OFFSET for a 1-based page.
 *
 * We ask for one row more than the page holds: if it comes back there is a next
 * page. That answers "enable Next?" from the same query, instead of a separate
 * `count(*)` that scans every matching row on each page view. Pass the rows
 * through {@link takePage} to drop the probe row before rendering.
 */
export function pageWindow(page: number, pageSize: number) {
  return { limit: pageSize + 1, offset: (page - 1) * pageSize };
}

/** Splits a `pageWindow` result into the visible rows and whether the probe row came back. */
export function takePage<T>(rows: readonly T[], pageSize: number) {
  return { rows: rows.slice(0, pageSize), hasNextPage: rows.length > pageSize };
}

/**
 * Applies `patch` to a query string: `null` deletes a key, a string sets it, and
 * untouched keys (filters owned by other controls) survive.
 */
export function patchQueryString(current: string | URLSearchParams, patch: Record<string, string | null>) {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return params.toString();
}
