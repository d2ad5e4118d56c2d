"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useTransition,
  type ReactNode,
} from "react";
import { usePathname, useRouter } from "next/navigation";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import type { ColumnDef, PaginationState, RowData, SortingState } from "@tanstack/react-table";
import { patchQueryString } from "@/lib/tables/list-params";
import { cn } from "./cn";

// Only the state/API features: the server already sorted and sliced `data`, so no client row models.
export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
export type DataTableFeatures = typeof dataTableFeatures;
export type DataTableColumns<TRow extends RowData> = ReadonlyArray<ColumnDef<DataTableFeatures, TRow>>;

/**
 * Typed column helper for {@link DataTable}. Columns hold render functions, so declare them at
 * module scope in a "use client" file (a Server Component cannot pass functions to the table).
 * Only columns with `enableSorting: true` are sortable; their id must be in the server's whitelist.
 *
 * @example
 * const col = createDataTableColumnHelper<Member>();
 * const columns = col.columns([
 *   col.accessor("email", { header: "Email" }),
 *   col.accessor("joinedAt", { header: "Joined", enableSorting: true, cell: (c) => fmt(c.getValue()) }),
 * ]);
 */
export function createDataTableColumnHelper<TRow extends RowData>() {
  return createColumnHelper<DataTableFeatures, TRow>();
}

type QueryPatch = Record<string, string | null>;
export type ListNavigation = { isPending: boolean; navigate: (patch: QueryPatch, optimistic?: () => void) => void };

const ListNavigationContext = createContext<ListNavigation | null>(null);
// Sorting is opt-in because a server can only ORDER BY whitelisted, indexed columns.
const defaultColumn = { enableSorting: false };
const sortIcons = { asc: ArrowUp, desc: ArrowDown };
// A fixed locale keeps server and client output identical for hydration.
const count = new Intl.NumberFormat("en-US");
const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const pageButton = cn(
  "inline-flex items-center gap-1 rounded-md border border-zinc-200 bg-white px-3 py-1.5 font-medium text-zinc-700 shadow-xs",
  "hover:bg-zinc-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-disabled:hover:bg-white",
  focusRing,
);
const sortButton = cn("-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-zinc-900", focusRing);

function useOwnListNavigation(): ListNavigation {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();
  // The URL only changes when a navigation commits; chaining on the last requested query keeps
  // a filter picked mid-navigation from being dropped by the next search keystroke.
  const requested = useRef<string | null>(null);
  useEffect(() => {
    if (!isPending) requested.current = null;
  });
  const navigate = useCallback(
    (patch: QueryPatch, optimistic?: () => void) => {
      const query = patchQueryString(requested.current ?? window.location.search, patch);
      requested.current = query;
      startTransition(() => {
        optimistic?.();
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [router, pathname],
  );
  return useMemo(() => ({ isPending, navigate }), [isPending, navigate]);
}

/** Writes query params; inside a DataTable toolbar it shares the table's pending state so the body dims. */
export function useListNavigation(): ListNavigation {
  const own = useOwnListNavigation();
  return useContext(ListNavigationContext) ?? own;
}

export type DataTableProps<TRow extends RowData> = {
  columns: DataTableColumns<TRow>;
  data: TRow[];
  getRowId?: (row: TRow) => string;
  page: number; // 1-based
  pageSize: number;
  hasNextPage: boolean;
  total?: number;
  sort?: { id: string; desc: boolean };
  toolbar?: ReactNode;
  emptyState: ReactNode;
  /** Accessible name for the table, rendered as a visually hidden caption. */
  label?: string;
};

export function DataTable<TRow extends RowData>(props: DataTableProps<TRow>) {
  const { columns, data, getRowId, page, pageSize, hasNextPage, total, sort, toolbar, emptyState, label } = props;
  const nav = useOwnListNavigation();
  const { isPending, navigate } = nav;
  const sortId = sort?.id;
  const sortDesc = sort?.desc ?? false;
  const sorting = useMemo<SortingState>(() => (sortId ? [{ id: sortId, desc: sortDesc }] : []), [sortId, sortDesc]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);

  // The URL owns sorting and pagination: table setters only compute the next value, which we write to the query string.
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    defaultColumn,
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false, // the server always orders by something
    pageCount: hasNextPage ? page + 1 : page,
    onSortingChange: (updater) => {
      const next = functionalUpdate(updater, sorting)[0];
      navigate({ sort: next?.id ?? null, dir: next ? (next.desc ? "desc" : "asc") : null, page: null });
    },
    onPaginationChange: (updater) => {
      const { pageIndex } = functionalUpdate(updater, pagination);
      navigate({ page: pageIndex > 0 ? String(pageIndex + 1) : null });
    },
  });

  const rows = table.getRowModel().rows;
  const first = (page - 1) * pageSize;
  const range = rows.length
    ? `Showing ${count.format(first + 1)}–${count.format(first + rows.length)}${total === undefined ? "" : ` of ${count.format(total)}`}`
    : null;

  return (
    <ListNavigationContext value={nav}>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm shadow-xs">
        {toolbar ? <div className="flex flex-wrap items-end gap-3 border-b border-zinc-200 p-4">{toolbar}</div> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            {label ? <caption className="sr-only">{label}</caption> : null}
            <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                    const sortable = !header.isPlaceholder && header.column.getCanSort();
                    const dir = header.column.getIsSorted();
                    const Icon = dir ? sortIcons[dir] : ArrowUpDown;
                    // ARIA asks for aria-sort on the active sort column only.
                    const ariaSort = sortable && dir ? (dir === "asc" ? "ascending" : "descending") : undefined;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        colSpan={header.colSpan}
                        aria-sort={ariaSort}
                        className="px-4 py-3 whitespace-nowrap"
                      >
                        {sortable ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className={sortButton}
                          >
                            {content}
                            <Icon
                              aria-hidden
                              className={cn("size-3.5 shrink-0", dir ? "text-zinc-700" : "text-zinc-400")}
                            />
                          </button>
                        ) : (
                          content
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody aria-busy={isPending || undefined} className={cn("transition-opacity", isPending && "opacity-50")}>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={table.getAllLeafColumns().length} className="px-4 py-12 text-center text-zinc-500">
                    {emptyState}
                  </td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr key={row.id} className="border-t border-zinc-100 hover:bg-zinc-50/60">
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id} className="px-4 py-3 text-zinc-700">
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <div className="flex items-center justify-between gap-4 border-t border-zinc-200 px-4 py-3">
          <p aria-live="polite" className="text-zinc-500 tabular-nums">
            {range}
          </p>
          <nav aria-label="Pagination" className="flex gap-2">
            <PageButton disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
              <ChevronLeft aria-hidden className="size-4" /> Previous
            </PageButton>
            <PageButton disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
              Next <ChevronRight aria-hidden className="size-4" />
            </PageButton>
          </nav>
        </div>
      </div>
    </ListNavigationContext>
  );
}

// aria-disabled rather than disabled: a disabled button drops keyboard focus to <body>
// when the user pages onto the last page.
function PageButton({ disabled, onClick, children }: { disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" aria-disabled={disabled} onClick={disabled ? undefined : onClick} className={pageButton}>
      {children}
    </button>
  );
}
