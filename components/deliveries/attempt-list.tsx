import { Badge } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/code-block";
import { formatDateTime } from "@/components/ui/format";
import type { DeliveryAttempt } from "@/db/schema";

const tones = { delivered: "green", retry: "amber", gone: "red", failed: "red" } as const;

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</p>
      <CodeBlock
        label={title}
        className="mt-1 max-h-64 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-100"
      >
        {children}
      </CodeBlock>
    </div>
  );
}

/** JSON bodies are shown indented; anything else as it was. */
function pretty(body: string | null): string {
  if (!body) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const headerText = (headers: Record<string, string> | null) =>
  Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");

/** Every attempt of one delivery: the request as sent (secrets masked) and what came back. */
export function AttemptList({ attempts }: { attempts: DeliveryAttempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-zinc-500">No attempts yet.</p>;
  return (
    <ol className="space-y-4" data-testid="attempt-list">
      {attempts.map((a) => (
        <li key={a.id} className="rounded-lg border border-zinc-200 p-4">
          <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
            <span className="font-semibold text-zinc-900">Attempt {a.attemptNumber}</span>
            <Badge tone={tones[a.outcome]}>{a.outcome}</Badge>
            <span className="text-zinc-600">{a.responseStatus ? `HTTP ${a.responseStatus}` : "no response"}</span>
            <span className="text-zinc-500">
              {a.durationMs} ms · {formatDateTime(a.startedAt)}
            </span>
            {a.error ? <span className="text-red-700">{a.error}</span> : null}
          </div>
          <div className="grid gap-3 lg:grid-cols-2">
            <Block title="Request">{`${a.requestMethod} ${a.requestUrl}\n${headerText(a.requestHeaders)}${a.requestBody ? `\n\n${pretty(a.requestBody)}` : ""}`}</Block>
            <Block title="Response">
              {`${headerText(a.responseHeaders)}${a.responseBody ? `\n\n${pretty(a.responseBody)}` : ""}` || "—"}
            </Block>
          </div>
        </li>
      ))}
    </ol>
  );
}
