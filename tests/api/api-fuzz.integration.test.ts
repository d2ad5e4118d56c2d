import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { eventTypes, participantSources } from "@/db/enums";
import { apiRateWindows } from "@/db/schema";
import { generateApiKey } from "@/lib/api-keys/manage-api-key";
import { openApiDocument } from "@/lib/api/openapi";
import { callApi } from "../helpers/api";
import { createLead, createProgram, createReferrer } from "../helpers/fixtures";
import { databaseKind, setUpTestDatabase } from "../helpers/test-database";
import { contractErrors, requestBodyErrors } from "./contract";

// A bounded fuzz of the REST API from its own OpenAPI document: every operation, with ids that
// exist and ids that do not, query values and bodies both valid and hostile. Every answer must be
// documented for its operation and match the documented schema, and none may be a 5xx. And the
// document's request schemas must agree with the server: a body they refuse is never taken, and
// a body they accept is refused only for what no schema can know (see STATEFUL_REFUSALS).
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

type Person = { id: string; referralCode: string; email: string };
let key = "";
let known = {
  ids: [] as string[],
  campaignId: "",
  codes: [] as string[],
  referrer: {} as Person,
  leads: [] as Person[],
};
beforeAll(async () => {
  const program = await createProgram(database.db, { autoIssueRewards: false });
  const other = await createLead(database.db, program.referrer.referralCode, "Fuzz");
  // Named in bodies only: no generated DELETE removes them, so valid bodies keep finding them.
  const referrer = await createReferrer(database.db, program.campaign.id, "Grace");
  const leads = [
    await createLead(database.db, referrer.referralCode, "Noor"),
    await createLead(database.db, referrer.referralCode, "Sam"),
  ];
  const generated = await generateApiKey(program.team);
  if (!generated.ok) throw new Error(generated.message);
  key = generated.value.key;
  known = {
    ids: [program.lead.id, program.referrer.id, other.id, program.campaign.id],
    campaignId: program.campaign.id,
    codes: [program.lead.referralCode, program.referrer.referralCode],
    referrer,
    leads,
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

/** Bodies meant to be accepted, naming rows that exist: some emails and people are not what they should be. */
const validBodies: Record<string, () => fc.Arbitrary<Record<string, unknown>>> = {
  "POST /users": () => {
    const user = {
      campaign_id: fc.constant(known.campaignId),
      first_name: fc.constantFrom("Ada", " Grace ", "Zoë"),
      email: fc.oneof(
        { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/).map((local) => `${local}@example.com`) },
        { weight: 1, arbitrary: fc.emailAddress() },
      ),
    };
    const { id, referralCode, email } = known.referrer;
    return fc.oneof(
      fc.record({ ...user, type: fc.constant("referrer") }),
      fc.record({
        ...user,
        type: fc.constant("lead"),
        referrer: fc.constantFrom(id, referralCode, email, ...known.codes),
      }),
    );
  },
  "POST /qualifications": () => {
    const people = [...known.leads, ...known.leads, known.referrer];
    const qualified = fc.boolean();
    const campaign_id = fc.constant(known.campaignId);
    return fc.oneof(
      fc.record(
        { id: fc.constantFrom(...people.map((p) => p.id)), campaign_id, qualified },
        { requiredKeys: ["id", "qualified"] },
      ),
      fc.record(
        { referral_code: fc.constantFrom(...people.map((p) => p.referralCode.toUpperCase())), campaign_id, qualified },
        { requiredKeys: ["referral_code", "qualified"] },
      ),
      fc.record({ email: fc.constantFrom(...people.map((p) => p.email)), campaign_id, qualified }),
    );
  },
  "POST /webhooks": () =>
    fc.record(
      {
        campaign_id: fc.constant(known.campaignId),
        // Loopback is allowed in the tests; the cloud metadata address never is.
        url: fc.constantFrom("http://127.0.0.1:9/hook", "http://127.0.0.1:9/crm", "http://169.254.169.254/latest"),
        event: fc.constantFrom(...eventTypes),
        sources: fc.subarray([...participantSources]),
        name: fc.constantFrom("CRM sync", " "),
      },
      { requiredKeys: ["campaign_id", "url", "event"] },
    ),
};
/** A valid body with one field taken away or set to something else: the edge of what is accepted. */
const nearMiss = (valid: fc.Arbitrary<Record<string, unknown>>) =>
  valid.chain((b) =>
    fc.oneof(
      fc.constantFrom(...Object.keys(b)).map((k) => Object.fromEntries(Object.entries(b).filter(([key]) => key !== k))),
      fc.tuple(fc.constantFrom(...bodyFields), jsonValue()).map(([k, v]) => ({ ...b, [k]: v })),
    ),
  );
const body = (operation: Operation) => {
  const valid = validBodies[`${operation.method} ${operation.template}`]!();
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((b) => ({ json: b })) },
    { weight: 2, arbitrary: nearMiss(valid).map((b) => ({ json: b })) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.constantFrom(...bodyFields), jsonValue(), { maxKeys: 6 }).map((b) => ({ json: b })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.constant("{"), fc.constant("[]"), fc.constant("null"), fc.string({ maxLength: 20 }))
        .map((raw) => ({ raw })),
    },
  );
};

/**
 * What a body the document accepts can still be refused for: the state of things (the referrer
 * named is no referrer, the lead named is a referrer) and the webhook host's network.
 */
const STATEFUL_REFUSALS = /Referrer not found|belongs to a referrer, not a lead|This URL is not allowed/;

/** Where the document and the server disagree about a JSON body, or null. */
function disagreement(what: string, refused: string | null, answer: { status: number; json: unknown }) {
  if (refused && answer.status < 300)
    return `${what}: taken (${answer.status}), but the document refuses it: ${refused}`;
  const refusedForShape =
    [400, 413, 415].includes(answer.status) ||
    (answer.status === 422 && !STATEFUL_REFUSALS.test(JSON.stringify(answer.json)));
  if (!refused && refusedForShape)
    return `${what}: the document accepts it, the server answered ${JSON.stringify(answer.json)}`;
  return null;
}

// Operations with a body twice as often: their bodies have the most ways to be right and wrong.
const operation = () => fc.oneof(...operations.map((o) => ({ weight: o.hasBody ? 2 : 1, arbitrary: fc.constant(o) })));
const request = () =>
  operation().chain((operation) =>
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
      body: operation.hasBody ? body(operation) : fc.constant(undefined),
      contentType: fc.constantFrom("application/json", "application/json", "application/json", "text/plain"),
    }),
  );

describe(`the REST API under ${RUNS} generated requests (${databaseKind()})`, () => {
  it("answers every one with a documented status and a body that matches the document, never a 5xx", async () => {
    const problems: string[] = [];
    let runs = 0;
    const statuses = new Map<number, number>();
    const bodies = { acceptedAndTaken: 0, refused: 0 };
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
        if (sent && "json" in sent && contentType === "application/json") {
          const refused = requestBodyErrors(operation.method, operation.template, sent.json);
          const what = `${operation.method} ${operation.template} ${JSON.stringify(sent.json)}`;
          const disagrees = disagreement(what, refused, answer);
          if (disagrees) problems.push(disagrees);
          if (refused) bodies.refused++;
          else if (answer.status < 300) bodies.acceptedAndTaken++;
        }
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
    // Writes, too: bodies the document accepts went through, and bodies it refuses were tried.
    expect(bodies.acceptedAndTaken).toBeGreaterThan(60);
    expect(bodies.refused).toBeGreaterThan(60);
    expect([...new Set(problems)].slice(0, 20)).toEqual([]);
  }, 240_000);
});
