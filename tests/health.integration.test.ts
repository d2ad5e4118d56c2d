import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, setProcessDatabase, type Database } from "@/db/client";
import { GET } from "@/app/api/health/route";
import { databaseKind, openTestDatabase } from "./helpers/test-database";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe(`GET /api/health (${databaseKind()})`, () => {
  it("answers 200 with the driver and server version when the database answers", async () => {
    setProcessDatabase(database);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { driver: databaseKind(), version: expect.stringMatching(/^\d+/) } });
  });

  it("answers 503 when the database does not", async () => {
    const unreachable = await openPostgres("postgres://postgres@127.0.0.1:1/nothing", { max: 1 });
    setProcessDatabase(unreachable);
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", error: "database unavailable" });
    await unreachable.close();
  });
});
