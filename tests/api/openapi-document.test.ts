import { describe, expect, it } from "vitest";
import { document, errorsText, pointer, requestBodyErrors, schemaAt } from "./contract";

// The OpenAPI document as an outside validator reads it: its examples, its tags, and the request
// rules the server enforces with refinements that z.toJSONSchema alone would not publish.

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;

/** Every example in the document, with the pointer of the schema it must match. */
function examplesIn(node: unknown, path: string, found: { at: string; schema: string; value: unknown }[] = []) {
  if (!isNode(node)) return found;
  if (isNode(node.schema)) {
    if ("example" in node) found.push({ at: `${path}/example`, schema: `${path}/schema`, value: node.example });
    for (const [name, example] of Object.entries((node.examples ?? {}) as Record<string, { value: unknown }>))
      found.push({ at: `${path}/examples/${name}`, schema: `${path}/schema`, value: example.value });
  }
  for (const [key, child] of Object.entries(node))
    if (key !== "schema") examplesIn(child, `${path}/${pointer(key)}`, found);
  return found;
}

type Operation = {
  tags?: string[];
  summary?: string;
  requestBody?: { content: Record<string, { example?: unknown; examples?: object }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; examples?: object }> }>;
};
const operations = (section: Record<string, Record<string, Operation>>) =>
  Object.entries(section).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
const hasExample = (media?: { example?: unknown; examples?: object }) =>
  media !== undefined && (media.example !== undefined || Object.keys(media.examples ?? {}).length > 0);

describe("the OpenAPI document", () => {
  it("has examples that validate against their own schemas", () => {
    const examples = examplesIn(document, "");
    expect(examples.length).toBeGreaterThan(30);
    const invalid = examples.flatMap(({ at, schema, value }) => {
      const validate = schemaAt(schema);
      return validate(value) ? [] : [`${at}: ${errorsText(validate)}`];
    });
    expect(invalid).toEqual([]);
  });

  it("tags, sums up and exemplifies every operation: its request body and its success response", () => {
    const declared = document.tags.map((t) => t.name);
    const all = [
      ...operations(document.paths as Record<string, Record<string, Operation>>),
      ...operations(document.webhooks as Record<string, Record<string, Operation>>),
    ];
    for (const { name, operation } of all) {
      expect(operation.tags, name).toHaveLength(1);
      expect(declared, name).toContain(operation.tags![0]);
      expect(operation.summary, name).toBeTruthy();
      if (operation.requestBody) expect(hasExample(operation.requestBody.content["application/json"]), name).toBe(true);
      const success = Object.entries(operation.responses).find(([status]) => /^2\d\d$/.test(status))?.[1];
      if (success?.content) expect(hasExample(success.content["application/json"]), name).toBe(true);
    }
    expect(new Set(all.flatMap(({ operation }) => operation.tags))).toEqual(new Set(declared));
  });

  const lead = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
  const campaign = "5f0c3b8e-8d7a-4c1e-9b2f-3a6d1e0c9f41";

  it("names a lead to qualify exactly one way: id, referral_code, or email with campaign_id", () => {
    const accepts = (body: object) => requestBodyErrors("POST", "/qualifications", body) === null;
    expect(accepts({ id: lead, qualified: true })).toBe(true);
    expect(accepts({ id: lead, campaign_id: campaign, qualified: true })).toBe(true);
    expect(accepts({ referral_code: "r4t8v2n6bq9h", qualified: false })).toBe(true);
    expect(accepts({ referral_code: "r4t8v2n6bq9h", campaign_id: campaign, qualified: true })).toBe(true);
    expect(accepts({ email: "lin@example.com", campaign_id: campaign, qualified: true })).toBe(true);

    expect(accepts({ qualified: true })).toBe(false);
    expect(accepts({ id: lead, referral_code: "r4t8v2n6bq9h", qualified: true })).toBe(false);
    expect(accepts({ id: lead, email: "lin@example.com", campaign_id: campaign, qualified: true })).toBe(false);
    expect(accepts({ email: "lin@example.com", qualified: true })).toBe(false);
    expect(accepts({ referral_code: "  ", qualified: true })).toBe(false);
    expect(accepts({ id: lead, email: "", qualified: true })).toBe(false);
    expect(accepts({ id: lead })).toBe(false);
    expect(accepts({ id: lead, qualified: true, extra: 1 })).toBe(false);
  });

  it("asks a lead for their referrer, and takes (and ignores) one for a referrer", () => {
    const user = { campaign_id: campaign, first_name: "Lin", email: "lin@example.com" };
    const accepts = (body: object) => requestBodyErrors("POST", "/users", body) === null;
    expect(accepts({ ...user, type: "referrer" })).toBe(true);
    expect(accepts({ ...user, type: "referrer", referrer: "k7m2x9q4wzp3" })).toBe(true);
    expect(accepts({ ...user, type: "lead", referrer: "k7m2x9q4wzp3" })).toBe(true);

    expect(accepts({ ...user, type: "lead" })).toBe(false);
    expect(accepts({ ...user, type: "lead", referrer: " " })).toBe(false);
    expect(accepts({ ...user, type: "boss", referrer: "k7m2x9q4wzp3" })).toBe(false);
    expect(accepts({ ...user, type: "referrer", first_name: "  " })).toBe(false);
    expect(accepts({ ...user, type: "referrer", email: "not-an-email" })).toBe(false);
  });

  it("takes an http(s) webhook URL without a user name or password", () => {
    const subscription = { campaign_id: campaign, event: "lead.qualified" };
    const accepts = (url: string) => requestBodyErrors("POST", "/webhooks", { ...subscription, url }) === null;
    expect(accepts("https://hooks.zapier.com/hooks/standard/1/abc/")).toBe(true);
    expect(accepts("http://127.0.0.1:9/x")).toBe(true);
    expect(accepts("https://crm.example.org?token=1")).toBe(true);

    expect(accepts("ftp://files.example.org/")).toBe(false);
    expect(accepts("https://user:pass@hooks.example.org/")).toBe(false);
    expect(accepts("hooks.example.org/x")).toBe(false);
    expect(accepts(`https://hooks.example.org/${"a".repeat(2000)}`)).toBe(false);
  });
});
