import { describe, it, expect } from "vitest";
import { listParamsSchema, pageWindow, patchQueryString, takePage } from "./list-params";

const schema = listParamsSchema({
  sortable: ["joinedAt", "email"],
  defaultSort: "joinedAt",
  defaultDir: "desc",
});

describe("listParamsSchema", () => {
  it("falls back to defaults for an empty query", () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 25, sort: "joinedAt", dir: "desc", q: "" });
  });

  it("honours custom page-size defaults and limits", () => {
    const small = listParamsSchema({
      sortable: ["name"],
      defaultSort: "name",
      defaultDir: "asc",
      defaultPageSize: 10,
      maxPageSize: 20,
    });
    expect(small.parse({}).pageSize).toBe(10);
    expect(small.parse({ pageSize: "20" }).pageSize).toBe(20);
    expect(small.parse({ pageSize: "21" }).pageSize).toBe(10);
  });

  it("parses valid values", () => {
    expect(schema.parse({ page: "3", pageSize: "50", sort: "email", dir: "asc", q: "  ada  ", status: "x" })).toEqual({
      page: 3,
      pageSize: 50,
      sort: "email",
      dir: "asc",
      q: "ada",
    });
  });

  it("replaces invalid pages with 1", () => {
    for (const page of ["-2", "0", "1.5", "abc", "", "Infinity", "99999999999999999999"]) {
      expect(schema.parse({ page }).page).toBe(1);
    }
  });

  it("replaces unknown sort columns and directions with the defaults", () => {
    const parsed = schema.parse({ sort: "password_hash", dir: "sideways" });
    expect(parsed.sort).toBe("joinedAt");
    expect(parsed.dir).toBe("desc");
    // Inherited object keys must not slip through an enum check.
    expect(schema.parse({ sort: "constructor" }).sort).toBe("joinedAt");
  });

  it("takes the first value of repeated params", () => {
    expect(schema.parse({ page: ["4", "9"], sort: ["email", "joinedAt"], q: ["a", "b"] })).toMatchObject({
      page: 4,
      sort: "email",
      q: "a",
    });
    expect(schema.parse({ page: [], sort: [] })).toMatchObject({ page: 1, sort: "joinedAt" });
  });

  it("caps a huge query at 100 characters", () => {
    const q = schema.parse({ q: "x".repeat(10_000) }).q;
    expect(q).toHaveLength(100);
  });

  it("never throws on garbage input", () => {
    for (const input of [undefined, null, "page=2", 42, [], { page: { nested: true }, q: 7, dir: null }]) {
      expect(() => schema.parse(input)).not.toThrow();
    }
    expect(schema.parse(null)).toEqual(schema.parse({}));
  });
});

describe("pageWindow / takePage", () => {
  it("fetches one probe row beyond the page", () => {
    expect(pageWindow(1, 25)).toEqual({ limit: 26, offset: 0 });
    expect(pageWindow(3, 25)).toEqual({ limit: 26, offset: 50 });
  });

  it("drops the probe row and reports whether it existed", () => {
    expect(takePage([1, 2, 3], 2)).toEqual({ rows: [1, 2], hasNextPage: true });
    expect(takePage([1, 2], 2)).toEqual({ rows: [1, 2], hasNextPage: false });
  });
});

describe("patchQueryString", () => {
  it("sets, deletes and keeps params", () => {
    expect(patchQueryString("status=active&page=3&q=ada", { q: "bob", page: null })).toBe("status=active&q=bob");
    expect(patchQueryString(new URLSearchParams(), { sort: "email", dir: "asc" })).toBe("sort=email&dir=asc");
  });
});
