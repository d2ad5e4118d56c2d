import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

type Recorded = { status: number; json: unknown; method: string; path: string };

/** Every response the API tests saw, checked against the OpenAPI document after the suite. */
export const recorded: Recorded[] = [];
export function recordResponse<T extends Recorded>(response: T): T {
  recorded.push(response);
  return response;
}

/** The document as the tests' server (http://localhost:3000) serves it. */
export const document = openApiDocument("http://localhost:3000");
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi");

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^/api/v1${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));
/** A path segment as a JSON Pointer token. */
export const pointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** A validator for the schema at a JSON Pointer into the document, e.g. `/components/schemas/User`. */
export function schemaAt(path: string) {
  const ref = `openapi#${path}`;
  return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
}
export const errorsText = (validate: ReturnType<typeof schemaAt>) => ajv.errorsText(validate.errors);

/** The request body schema's problems with a body, or null when the document accepts it. */
export function requestBodyErrors(method: string, template: string, body: unknown): string | null {
  const validate = schemaAt(
    `/paths/${pointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`,
  );
  return validate(body) ? null : errorsText(validate);
}

/** The schema problems of one response, or null when it matches the document. */
export function contractErrors(response: Recorded): string | null {
  const match = templates.find((t) => t.pattern.test(response.path));
  if (!match) return `${response.method} ${response.path}: no path in the OpenAPI document`;
  const operation = (
    document.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>
  )[match.template]![response.method.toLowerCase()];
  if (!operation) return `${response.method} ${match.template}: no operation in the document`;
  const documented = operation.responses[String(response.status)];
  if (!documented) return `${response.method} ${match.template}: status ${response.status} is not documented`;
  if (!documented.content)
    return response.json === null
      ? null
      : `${response.method} ${match.template} ${response.status}: a body where none is documented`;
  const validate = schemaAt(
    `/paths/${pointer(match.template)}/${response.method.toLowerCase()}/responses/${response.status}/content/application~1json/schema`,
  );
  return validate(response.json)
    ? null
    : `${response.method} ${match.template} ${response.status}: ${errorsText(validate)}`;
}
