import { describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE_DIGEST, isDatabaseUnavailable, orDatabaseUnavailable } from "./database-unavailable";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "CONNECT_TIMEOUT",
    "CONNECTION_CLOSED",
    "CONNECTION_ENDED",
    "CONNECTION_DESTROYED",
    "57P01",
    "57P02",
    "57P03",
    "53300",
    "08000",
    "08006",
    "08P01",
  ])("recognises %s", (code) => expect(isDatabaseUnavailable(withCode(code))).toBe(true));

  it.each(["23505", "57014", "42P01", "40001", "ENOENT"])("does not take %s for an outage", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it("looks through drizzle's wrapper and Node's AggregateError", () => {
    const refused = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed");
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: withCode("23505") }))).toBe(false);
  });

  it("ignores what is not an error", () => {
    for (const value of [undefined, null, "ECONNREFUSED", 42, { code: 57 }])
      expect(isDatabaseUnavailable(value)).toBe(false);
  });
});

describe("orDatabaseUnavailable", () => {
  it("marks an outage with the digest the error page looks for, and passes other errors through", async () => {
    await expect(orDatabaseUnavailable(() => Promise.reject(withCode("ECONNREFUSED")))).rejects.toMatchObject({
      digest: DATABASE_UNAVAILABLE_DIGEST,
    });
    const other = withCode("23505");
    await expect(orDatabaseUnavailable(() => Promise.reject(other))).rejects.toBe(other);
  });
});
