// `npm run lint:openapi`: writes the OpenAPI document, as an installation at <app-url> serves it,
// to <file> for Redocly. The script passes a stand-in public origin: a served document names its
// APP_URL, which Redocly's no-server-example.com rightly refuses when it is localhost.
import { writeFileSync } from "node:fs";
import { openApiDocument } from "@/lib/api/openapi";

const [file, appUrl] = process.argv.slice(2);
if (!file || !appUrl) throw new Error("Usage: write-openapi.ts <file> <app-url>");
writeFileSync(file, `${JSON.stringify(openApiDocument(appUrl), null, 2)}\n`);
