import { describe, expect, it } from "vitest";
import { openPostgres, setProcessDatabase } from "@/db/client";
import { GET } from "@/app/api/health/route";
import { databaseKind, setUpTestDatabase } from "./helpers/test-database";

const database = setUpTestDatabase();

// A signed-in marketer also gets the driver and server version: e2e/api/health.spec.ts.
describe(`GET /api/health (${databaseKind()})`, () => {
  it("answers 200 with the status alone to an anonymous caller when the database answers", async () => {
    database.setAsProcessDatabase();
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database does not, without saying more", async () => {
    const unreachable = await openPostgres("postgres://postgres@127.0.0.1:1/nothing", { max: 1 });
    setProcessDatabase(unreachable);
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
    await unreachable.close();
  });
});
