import { z } from "zod";
import type { EventType } from "@/db/schema";
import { campaignSchema, envelopeSchema, leadSchema, referrerSchema, rewardSchema, userSchema } from "./contract";

/** A JSON Schema (draft 2020-12) document or fragment. */
export type JsonSchema = { [key: string]: unknown };

export type SchemaForm = "body" | "query";

/** Where each event type's schemas are published: the body of POST/PUT/PATCH, the query of GET. */
export function eventSchemaUrl(appUrl: string, type: EventType, form: SchemaForm): string {
  return `${appUrl}/schemas/events/${type}${form === "query" ? ".query" : ""}.json`;
}

/**
 * The JSON Schema of an event's envelope, self-contained: the shared shapes (Referrer, Lead, …)
 * under `$defs`. `refs` points them elsewhere instead (the OpenAPI document's components).
 */
export function envelopeJsonSchema(type: EventType, options: { refs?: (id: string) => string } = {}): JsonSchema {
  return z.toJSONSchema(envelopeSchema(type), {
    target: "draft-2020-12",
    io: "output",
    ...(options.refs ? { uri: options.refs } : {}),
  }) as JsonSchema;
}

/** `lead.qualified` → `LeadQualifiedEvent`: the envelope's name among the OpenAPI components. */
export const envelopeComponentName = (type: EventType) =>
  `${type.replace(/(^|[._])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase())}Event`;

/**
 * The event contract as OpenAPI components: the shared shapes (EventReferrer, EventLead, EventUser,
 * EventCampaign, EventReward) and one envelope per event type, referring to each other.
 */
export function eventComponentSchemas(types: readonly EventType[]): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const shared = {
    EventReferrer: referrerSchema,
    EventLead: leadSchema,
    EventUser: userSchema,
    EventCampaign: campaignSchema,
    EventReward: rewardSchema,
  };
  for (const [id, schema] of Object.entries(shared)) registry.add(schema, { id });
  for (const type of types) registry.add(envelopeSchema(type), { id: envelopeComponentName(type) });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }) as {
    schemas: Record<string, JsonSchema>;
  };
  // A component is a fragment of the document: no dialect or id of its own.
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, without(schema, "$schema", "$id")]));
}

/** The body schema as published at its URL. */
export function publishedBodySchema(appUrl: string, type: EventType): JsonSchema {
  const { $schema, ...schema } = envelopeJsonSchema(type);
  return {
    $schema,
    $id: eventSchemaUrl(appUrl, type, "body"),
    title: `${type} (webhook body)`,
    description: `The JSON body a POST, PUT or PATCH webhook receives for ${type}.`,
    ...schema,
  };
}

/**
 * The query a GET webhook receives for an event, as `toQueryString` flattens the envelope: one
 * parameter per leaf, named by its dotted path (`data.user.email`), every value a string and a
 * null an empty string. A webhook URL's own parameters come before these and are not described.
 */
export function publishedQuerySchema(appUrl: string, type: EventType): JsonSchema {
  const body = envelopeJsonSchema(type);
  const defs = (body.$defs ?? {}) as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {};
  const patternProperties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  flatten(body, "", true, { defs, properties, patternProperties, required });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: eventSchemaUrl(appUrl, type, "query"),
    title: `${type} (GET webhook query)`,
    description: `The query parameters a GET webhook receives for ${type}: the envelope flattened to dotted names, every value a string, null as an empty string.`,
    type: "object",
    properties,
    ...(Object.keys(patternProperties).length ? { patternProperties } : {}),
    required,
    additionalProperties: false,
  };
}

type Flattened = {
  defs: Record<string, JsonSchema>;
  properties: Record<string, JsonSchema>;
  patternProperties: Record<string, JsonSchema>;
  required: string[];
};

const EMPTY: JsonSchema = { const: "" };

function resolve(schema: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const target = defs[ref.replace("#/$defs/", "")];
  if (!target) throw new Error(`unresolved ${ref}`);
  // Keep what the use site says about it (its description) over the shared shape's own.
  return { ...resolve(target, defs), ...without(schema, "$ref") };
}

const without = (schema: JsonSchema, ...keys: string[]): JsonSchema =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));

/** The branches of a union (`anyOf`/`oneOf`), or the schema alone. */
const branchesOf = (schema: JsonSchema) => (schema.anyOf ?? schema.oneOf ?? [schema]) as JsonSchema[];
const isNull = (schema: JsonSchema) => schema.type === "null";
const isObject = (schema: JsonSchema) => schema.type === "object";

function flatten(schema: JsonSchema, path: string, isRequired: boolean, out: Flattened): void {
  const resolved = resolve(schema, out.defs);
  const branches = branchesOf(resolved).map((b) => resolve(b, out.defs));
  const description = resolved.description as string | undefined;
  const objects = branches.filter(isObject);
  const nullable = branches.some(isNull);

  if (objects.length === 0) {
    // A leaf: its values as strings, an empty string standing for null.
    const strings = branches.filter((b) => !isNull(b)).map(asQueryValue);
    const leaf = strings.length === 0 ? EMPTY : nullable ? oneOf([...strings, EMPTY]) : oneOf(strings);
    out.properties[path] = description ? { ...leaf, description } : leaf;
    if (isRequired) out.required.push(path);
    return;
  }
  // A null object is sent as the bare name with an empty value; otherwise its fields are.
  if (nullable) out.properties[path] = { ...EMPTY, description: `Present, empty, when ${path} is null.` };
  const keys = [...new Set(objects.flatMap((o) => Object.keys((o.properties ?? {}) as object)))];
  for (const key of keys) {
    const shapes = objects
      .map((o) => ((o.properties ?? {}) as Record<string, JsonSchema>)[key])
      .filter((c) => c !== undefined);
    // Always sent only when every shape of the object has it, and the object itself always is.
    const everywhere = objects.every((o) => ((o.required ?? []) as string[]).includes(key));
    const child = shapes.length === 1 ? shapes[0]! : { anyOf: shapes };
    flatten(child, `${path}${path ? "." : ""}${key}`, isRequired && !nullable && everywhere, out);
  }
  for (const object of objects) {
    const extra = object.additionalProperties;
    if (extra && typeof extra === "object") {
      const escaped = `${path}.`.replace(/\./g, "\\.");
      out.patternProperties[`^${escaped}.+$`] = { ...asQueryValue(extra as JsonSchema), description };
    }
  }
}

function asQueryValue(schema: JsonSchema): JsonSchema {
  if ("const" in schema) return { const: String(schema.const) };
  if (Array.isArray(schema.enum)) return { enum: schema.enum.map(String) };
  const value: JsonSchema = { type: "string" };
  if (typeof schema.format === "string") value.format = schema.format;
  if (typeof schema.pattern === "string") value.pattern = schema.pattern;
  return value;
}

/** One schema, or the union of the distinct ones (the same leaf in a referrer and a lead is one). */
function oneOf(schemas: JsonSchema[]): JsonSchema {
  const distinct = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
  return distinct.length === 1 ? distinct[0]! : { anyOf: distinct };
}

/** One row of the Event Catalogue's field table. */
export type SchemaField = { path: string; type: string; required: boolean; description: string };

/**
 * The fields of a JSON body schema as rows: dotted paths, a readable type, whether the field is
 * always there, and what it means. A union of objects (a referrer or a lead) lists every field
 * any of them has, and one that only some have is not required.
 */
export function schemaFields(schema: JsonSchema): SchemaField[] {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const rows: SchemaField[] = [];
  const walk = (node: JsonSchema, path: string, isRequired: boolean) => {
    const resolved = resolve(node, defs);
    const branches = branchesOf(resolved).map((b) => resolve(b, defs));
    const objects = branches.filter(isObject);
    const description = (resolved.description as string | undefined) ?? objects[0]?.description ?? "";
    if (path) rows.push({ path, type: typeLabel(branches), required: isRequired, description: String(description) });
    const nullable = branches.some(isNull);
    const keys = [...new Set(objects.flatMap((o) => Object.keys((o.properties ?? {}) as object)))];
    for (const key of keys) {
      const shapes = objects
        .map((o) => ((o.properties ?? {}) as Record<string, JsonSchema>)[key])
        .filter((c) => c !== undefined);
      const everywhere = objects.every((o) => ((o.required ?? []) as string[]).includes(key));
      walk(
        shapes.length === 1 ? shapes[0]! : { anyOf: shapes },
        `${path}${path ? "." : ""}${key}`,
        isRequired && !nullable && everywhere,
      );
    }
  };
  walk(schema, "", true);
  return rows;
}

function typeLabel(branches: JsonSchema[]): string {
  const labels = branches.map((b) => {
    if ("const" in b) return JSON.stringify(b.const);
    if (Array.isArray(b.enum)) return b.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (b.type === "object")
      return b.additionalProperties && typeof b.additionalProperties === "object" ? "object (name → string)" : "object";
    if (typeof b.format === "string") return `${String(b.type)} (${b.format})`;
    return String(b.type);
  });
  return [...new Set(labels)].join(" | ");
}
