import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { apiRateWindows } from "@/db/schema";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import { openApiDocument } from "@/lib/api/openapi";
import { callApi } from "../helpers/api";
import { createLead, createProgram } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { contractErrors } from "./contract";

// A bounded fuzz of the REST API from its own OpenAPI document: every operation, with ids that
// exist and ids that do not, query values and bodies both valid and hostile. Every answer must be
// documented for its operation and match the documented schema, and none may be a 5xx.
const database = setUpTestDatabase({ processDatabase: true });
const RUNS = 1_000;

type Operation = { method: string; template: string; parameters?: { name: string; in: string }[]; hasBody: boolean };
const document = openApiDocument("http://localhost:3000");
const operations: Operation[] = Object.entries(document.paths).flatMap(([template, item]) =>
  Object.entries(item as Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>).map(
    ([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      parameters: operation.parameters,
      hasBody: operation.requestBody !== undefined,
    }),
  ),
);

let key = "";
let known: { ids: string[]; campaignId: string; codes: string[] } = { ids: [], campaignId: "", codes: [] };
beforeAll(async () => {
  const program = await createProgram(database.db, { autoIssueRewards: false });
  const other = await createLead(database.db, program.referrer.referralCode, "Fuzz");
  const generated = await generateApiKey(program.team);
  if (!generated.ok) throw new Error(generated.message);
  key = generated.value.key;
  known = {
    ids: [program.lead.id, program.referrer.id, other.id, program.campaign.id],
    campaignId: program.campaign.id,
    codes: [program.lead.referralCode, program.referrer.referralCode],
  };
});

const strange = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "null",
    "true",
    "%00",
    "../..",
    "😀",
    "a".repeat(300),
    "2026-02-30T00:00:00Z",
  ),
);
// Never empty: an empty path segment is another path (Next redirects `/users/` to `/users`).
const idLike = () => fc.oneof(fc.constantFrom(...known.ids), fc.uuid(), strange).filter((id) => id.length > 0);
const value = () =>
  fc.oneof(
    strange,
    fc.integer({ min: -5, max: 100_001 }).map(String),
    fc.constantFrom("referrer", "lead", "pending", "qualified", "due", "issued", "API", "Import", "lead.qualified"),
    fc.constantFrom(...known.ids, ...known.codes),
  );
const jsonValue = () =>
  fc.oneof(
    fc.constantFrom(...known.ids, ...known.codes, "referrer", "lead", "lead.qualified", "http://127.0.0.1:9/x"),
    fc.emailAddress(),
    fc.boolean(),
    fc.integer(),
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.array(fc.constantFrom("API", "Referred", "x"), { maxLength: 3 }),
  );
const bodyFields = [
  "campaign_id",
  "type",
  "first_name",
  "email",
  "referrer",
  "id",
  "referral_code",
  "qualified",
  "url",
  "event",
  "sources",
  "name",
  "extra",
];
const body = () =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...bodyFields), jsonValue(), { maxKeys: 6 }).map((b) => ({ json: b })),
    fc
      .oneof(fc.constant("{"), fc.constant("[]"), fc.constant("null"), fc.string({ maxLength: 20 }))
      .map((raw) => ({ raw })),
  );

const request = () =>
  fc.constantFrom(...operations).chain((operation) =>
    fc.record({
      operation: fc.constant(operation),
      pathId: idLike(),
      query: fc.dictionary(
        fc.constantFrom(
          ...(operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
          "page",
          "per_page",
          "starting_after",
          "bogus",
        ),
        value(),
        { maxKeys: 4 },
      ),
      body: operation.hasBody ? body() : fc.constant(undefined),
      contentType: fc.constantFrom("application/json", "application/json", "text/plain"),
    }),
  );

describe(`the REST API under ${RUNS} generated requests (${databaseKind()})`, () => {
  it("answers every one with a documented status and a body that matches the document, never a 5xx", async () => {
    const problems: string[] = [];
    let runs = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(), async ({ operation, pathId, query, body: sent, contentType }) => {
        // The fuzz is about the contract: start a fresh rate window before the key's limit.
        if (runs % 500 === 0) await database.db.delete(apiRateWindows);
        const path = operation.template.replace(/\{[^}]+\}/g, encodeURIComponent(pathId));
        const search = new URLSearchParams(query).toString();
        const answer = await callApi(operation.method, `${path}${search ? `?${search}` : ""}`, {
          key,
          ...(sent ? ("json" in sent ? { body: sent.json, contentType } : { rawBody: sent.raw, contentType }) : {}),
        });
        const problem =
          answer.status >= 500 ? `${operation.method} ${path}?${search}: ${answer.status}` : contractErrors(answer);
        runs++;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (problem) problems.push(problem);
        // Every problem is collected, not only the first (and its shrinks).
        return true;
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
    expect(runs).toBe(RUNS);
    // The fuzz reached past validation: successes, misses and refusals all came back.
    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([status]) => test(status)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s >= 200 && s < 300)).toBeGreaterThan(150);
    expect(count((s) => s === 429)).toBe(0);
    expect(count((s) => s === 404)).toBeGreaterThan(20);
    expect(count((s) => s === 422 || s === 400)).toBeGreaterThan(100);
    expect([...new Set(problems)].slice(0, 20)).toEqual([]);
  }, 240_000);
});
