import type { Metadata } from "next";
import Link from "next/link";
import { EventCatalogueEntry, type CatalogueEntry } from "@/components/events/event-catalogue-entry";
import { PageHeader } from "@/components/shell/page-header";
import { eventTypes } from "@/db/enums";
import { requireMarketer } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { SAMPLE_EVENT_DATA, SAMPLE_EVENT_ID, SAMPLE_TIMESTAMP } from "@/lib/events/samples";
import { eventSchemaUrl, publishedBodySchema, schemaFields } from "@/lib/events/published-schemas";
import { buildEnvelope } from "@/lib/webhooks/payload";

export const metadata: Metadata = { title: "Event catalogue" };

export default async function EventCataloguePage() {
  await requireMarketer();
  const appUrl = env().APP_URL;
  const entries: CatalogueEntry[] = eventTypes.map((type) => {
    const schema = publishedBodySchema(appUrl, type);
    const envelope = buildEnvelope({
      id: SAMPLE_EVENT_ID,
      type,
      timestamp: SAMPLE_TIMESTAMP,
      data: SAMPLE_EVENT_DATA[type],
    });
    return {
      type,
      fields: schemaFields(schema),
      example: JSON.stringify(envelope, null, 2),
      bodySchema: JSON.stringify(schema, null, 2),
      bodySchemaUrl: eventSchemaUrl(appUrl, type, "body"),
      querySchemaUrl: eventSchemaUrl(appUrl, type, "query"),
    };
  });
  return (
    <>
      <PageHeader
        title="Event catalogue"
        description="Every event your webhooks can fire, exactly as they receive it: fields, JSON Schemas and an example."
      />
      <div className="mb-6 space-y-2 text-sm text-zinc-600">
        <p>
          Each delivery is an envelope <code className="font-mono text-xs">{"{ id, type, timestamp, data }"}</code>,
          signed with the Standard Webhooks headers. POST, PUT and PATCH webhooks receive it as a JSON body; GET
          webhooks as query parameters with dotted names (<code className="font-mono text-xs">data.user.email</code>
          ). Generate types from the{" "}
          <a href="/api/v1/openapi.json" className="text-indigo-700 underline underline-offset-2">
            OpenAPI document
          </a>{" "}
          (its <code className="font-mono text-xs">webhooks</code> section) or from each event&apos;s JSON Schema.
        </p>
        <nav aria-label="Event types">
          <ul className="flex flex-wrap gap-2">
            {eventTypes.map((type) => (
              <li key={type}>
                <Link
                  href={`#${type}`}
                  className="inline-block rounded-md bg-white px-2 py-1 font-mono text-xs text-zinc-700 ring-1 ring-zinc-200 hover:bg-zinc-50"
                >
                  {type}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="space-y-6">
        {entries.map((entry) => (
          <EventCatalogueEntry key={entry.type} entry={entry} />
        ))}
      </div>
    </>
  );
}
