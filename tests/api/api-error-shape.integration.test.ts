import { describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import { openApiDocument } from "@/lib/api/openapi";
import { callApi } from "../helpers/api";
import { createProgram } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";

const database = setUpTestDatabase({ processDatabase: true });
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

describe(`every answer under /api/v1 is the API's JSON, unknown paths and methods too (${databaseKind()})`, () => {
  it("a method an endpoint does not serve is a JSON 405 naming the ones it does in Allow", async () => {
    const program = await createProgram(database.db);
    const key = await generateApiKey(program.team);
    if (!key.ok) throw new Error("no key");
    const id = "00000000-0000-4000-8000-000000000000";
    const document = openApiDocument("http://localhost:3000");
    let checked = 0;
    for (const [template, item] of Object.entries(document.paths)) {
      const path = template.replace(/\{[^}]+\}/g, id);
      const served = Object.keys(item).map((m) => m.toUpperCase());
      for (const method of METHODS.filter((m) => !served.includes(m))) {
        const answer = await callApi(method, path, { key: key.value.key });
        expect(answer, `${method} ${template}`).toMatchObject({
          status: 405,
          json: { error: { code: "method_not_allowed" } },
        });
        expect(answer.headers.get("allow"), `${method} ${template}`).toBe(served.join(", "));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("an unknown path is a JSON 404 whatever the method, before any key is checked", async () => {
    for (const method of METHODS) {
      const answer = await callApi(method, "/no-such-thing/42");
      expect(answer, method).toMatchObject({ status: 404, json: errorShape });
      expect(answer.json!.error.message).toContain("/api/v1/openapi.json");
    }
  });
});
