import "server-only";
import type { z } from "zod";
import { MAX_LIST_OFFSET } from "@/lib/tables/list-params";
import { readQuery } from "./handle-api-request";
import { apiError, apiJson } from "./respond";

type PageQuery = { page: number; per_page: number; starting_after?: string };

/**
 * A paged list's query parameters, or the error response to return. `starting_after` (keyset
 * paging) and `page` do not mix. Paging past
 * MAX_LIST_OFFSET rows is refused with 400 `page_too_deep`: each skipped row costs the database
 * a read, and a sync that deep should narrow its query (filters, `created_after`) instead.
 */
export function readPageQuery<T extends z.ZodType<PageQuery>>(
  request: Request,
  schema: T,
): { ok: true; value: z.output<T> } | { ok: false; response: Response } {
  const query = readQuery(request, schema);
  if (!query.ok) return query;
  const { page, per_page, starting_after } = query.value;
  if (starting_after !== undefined && page !== 1) {
    return {
      ok: false,
      response: apiError("validation_failed", "The request has invalid fields", {
        page: "Leave page out when paging with starting_after: the cursor says where the page starts",
      }),
    };
  }
  if ((page - 1) * per_page < MAX_LIST_OFFSET) return query;
  const limit = MAX_LIST_OFFSET.toLocaleString("en-US");
  return {
    ok: false,
    response: apiError(
      "page_too_deep",
      `Paging stops at row ${limit}: narrow the query with filters (for example created_after, campaign_id or status) instead of paging deeper`,
      {
        page: `(page - 1) × per_page must be below ${limit}`,
      },
    ),
  };
}

type Paged<Row> = { rows: Row[]; total: number; hasNextPage: boolean } | { unknownCursor: true };

/** A paged list's answer: the rows, page figures and `next_cursor`, or a 422 for a cursor not the team's. */
export function pagedAnswer<Row extends { id: string }>(
  result: Paged<Row>,
  query: PageQuery,
  serialize: (row: Row) => unknown,
  noun: string,
): Response {
  if ("unknownCursor" in result) {
    return apiError("validation_failed", "The request has invalid fields", {
      starting_after: `No ${noun} of yours has this id: pass the next_cursor of the previous page`,
    });
  }
  return apiJson({
    data: result.rows.map(serialize),
    page: query.page,
    per_page: query.per_page,
    total: result.total,
    has_more: result.hasNextPage,
    next_cursor: result.hasNextPage ? result.rows.at(-1)!.id : null,
  });
}
