import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import type { EventType } from "@/db/schema";
import { EVENT_CATALOGUE } from "@/lib/events/catalogue";
import type { SchemaField } from "@/lib/events/published-schemas";

export type CatalogueEntry = {
  type: EventType;
  fields: SchemaField[];
  example: string;
  bodySchema: string;
  bodySchemaUrl: string;
  querySchemaUrl: string;
};

/** One event type: when it fires, where its schemas live, its fields and an example body. */
export function EventCatalogueEntry({ entry }: { entry: CatalogueEntry }) {
  const { type, fields, example, bodySchema, bodySchemaUrl, querySchemaUrl } = entry;
  const heading = `event-${type.replace(".", "-")}`;
  return (
    <Card id={type} aria-labelledby={heading} className="scroll-mt-6">
      <div className="space-y-2 border-b border-zinc-100 px-5 py-4">
        <h2 id={heading} className="font-mono text-base font-semibold text-zinc-900">
          {type}
        </h2>
        <p className="text-sm text-zinc-600">
          <span className="font-medium text-zinc-800">When it fires: </span>
          {EVENT_CATALOGUE[type].description}
        </p>
        <div className="flex flex-wrap items-center gap-2 pt-1">
          <CopyButton value={bodySchema} label={`Copy ${type} JSON Schema`} nameValue={false} />
          <CopyButton value={bodySchemaUrl} label="Copy schema URL" />
          <a href={bodySchemaUrl} className="text-sm text-indigo-700 underline underline-offset-2">
            Body schema
          </a>
          <a href={querySchemaUrl} className="text-sm text-indigo-700 underline underline-offset-2">
            GET query schema
          </a>
        </div>
      </div>
      <div>
        <div
          tabIndex={0}
          role="region"
          aria-label={`${type} fields`}
          className="overflow-x-auto px-5 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Fields of {type}</caption>
            <thead className="text-xs text-zinc-500">
              <tr>
                <th scope="col" className="w-64 py-1.5 pr-3 font-medium">
                  Field
                </th>
                <th scope="col" className="w-56 py-1.5 pr-3 font-medium">
                  Type
                </th>
                <th scope="col" className="py-1.5 font-medium">
                  Meaning
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 align-top">
              {fields.map((field) => (
                <tr key={field.path}>
                  <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap text-zinc-900">
                    {field.path}
                    {field.required ? null : <Badge className="ml-1.5">optional</Badge>}
                  </td>
                  <td className="py-1.5 pr-3 font-mono text-xs text-zinc-600">{field.type}</td>
                  <td className="py-1.5 text-xs text-zinc-600">{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="space-y-2 border-t border-zinc-100 px-5 py-4">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-zinc-900">Example body</h3>
            <CopyButton value={example} label="Copy example" nameValue={false} />
          </div>
          <CodeBlock
            label={`Example ${type} body`}
            className="max-h-80 overflow-auto rounded-md bg-zinc-950 p-3 text-xs leading-relaxed text-zinc-100"
          >
            {example}
          </CodeBlock>
        </div>
      </div>
    </Card>
  );
}
