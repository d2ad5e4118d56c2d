import { describe, expect, it } from "vitest";
import { encodeKeyset } from "@/lib/api/cursor";
import { parseDeliveryLogParams } from "./delivery-log-params";

const now = new Date("2026-03-10T12:00:00.000Z");
const parse = (params: Record<string, string | string[] | undefined>) => parseDeliveryLogParams(params, now);
const key = { at: "2026-03-10T11:59:58.123456Z", id: "0b5e2ab4-9a3a-4f44-8a8e-1d2c3b4a5f60" };

describe("parseDeliveryLogParams", () => {
  it("shows everything, newest first, over 24 hours by default", () => {
    expect(parse({})).toEqual({
      filter: { status: undefined, eventType: undefined },
      form: { status: "", type: "", range: "", from: "", to: "", q: "" },
      window: "24h",
      after: undefined,
      before: undefined,
      selected: null,
      notices: [],
    });
  });

  it("reads every filter from the URL", () => {
    const params = parse({ status: "failed", type: "lead.created", range: "1h", window: "7d", q: "Ada@Example.com" });
    expect(params.filter).toEqual({
      status: "failed",
      eventType: "lead.created",
      from: new Date("2026-03-10T11:00:00.000Z"),
      search: { email: "ada@example.com" },
    });
    expect(params.window).toBe("7d");
    expect(params.notices).toEqual([]);
  });

  it("takes an id as a delivery id or an event id", () => {
    expect(parse({ q: key.id.toUpperCase() }).filter.search).toEqual({ id: key.id });
  });

  it("ignores values outside the lists, the first of repeated keys wins, and nothing throws", () => {
    const params = parse({
      status: "exploded",
      type: ["user.deleted", "lead.created"],
      window: "1y",
      range: "forever",
    });
    expect(params.filter).toEqual({ status: undefined, eventType: "user.deleted" });
    expect(params.window).toBe("24h");
    expect(() => parse(null as never)).not.toThrow();
    expect(() => parse({ q: "x".repeat(10_000), from: "\u0000", after: "%%%" })).not.toThrow();
  });

  it("reads a custom range as UTC, and dates without a range as a custom range", () => {
    const custom = parse({ range: "custom", from: "2026-03-01T09:30", to: "2026-03-02T00:00:00Z" });
    expect(custom.filter).toMatchObject({
      from: new Date("2026-03-01T09:30:00Z"),
      to: new Date("2026-03-02T00:00:00Z"),
    });
    expect(custom.form).toMatchObject({ range: "custom", from: "2026-03-01T09:30", to: "2026-03-02T00:00" });
    expect(parse({ from: "2026-03-01T09:30" }).filter.from).toEqual(new Date("2026-03-01T09:30:00Z"));
    // "Any time" and the presets leave dates the form still carried alone.
    expect(parse({ range: "all", from: "2026-03-01T09:30" }).filter.from).toBeUndefined();
    expect(parse({ range: "24h", from: "2026-03-01T09:30" }).filter.from).toEqual(new Date("2026-03-09T12:00:00.000Z"));
  });

  it("says why a date, a range, a search or a page link was not used", () => {
    expect(parse({ range: "custom", from: "yesterday" }).notices).toEqual([
      'From "yesterday" is not a date and time, so it was ignored.',
    ]);
    expect(parse({ range: "custom", from: "2026-02-30T10:00" }).filter.from).toBeUndefined();
    const backwards = parse({ range: "custom", from: "2026-03-02T00:00", to: "2026-03-01T00:00" });
    expect(backwards.filter.from).toBeUndefined();
    expect(backwards.notices).toEqual(["The custom range ends before it starts, so it was ignored."]);
    const search = parse({ q: "ada" });
    expect(search.filter.search).toBeUndefined();
    expect(search.notices[0]).toMatch(/is not a delivery id, an event id or an email address/);
    const page = parse({ after: "bm90IGEgY3Vyc29y" });
    expect(page.after).toBeUndefined();
    expect(page.notices).toEqual(["That page link is not valid, so the newest deliveries are shown."]);
  });

  it("round-trips a page cursor; after wins over before", () => {
    expect(parse({ after: encodeKeyset(key) }).after).toEqual(key);
    expect(parse({ before: encodeKeyset(key) }).before).toEqual(key);
    expect(parse({ after: encodeKeyset(key), before: encodeKeyset(key) })).toMatchObject({
      after: key,
      before: undefined,
    });
  });

  it("opens a delivery only by a UUID", () => {
    expect(parse({ delivery: key.id }).selected).toBe(key.id);
    expect(parse({ delivery: "../../etc" }).selected).toBeNull();
  });
});
