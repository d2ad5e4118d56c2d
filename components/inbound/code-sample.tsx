import { CopyButton } from "@/components/ui/copy-button";
import { CodeBlock } from "@/components/ui/code-block";

/** A labelled, copyable snippet: what the caller should send, exactly. */
export function CodeSample({
  label,
  value,
  copyLabel = "Copy",
  testId,
}: {
  label: string;
  value: string;
  copyLabel?: string;
  testId?: string;
}) {
  return (
    <figure className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <figcaption className="text-xs font-medium text-zinc-600">{label}</figcaption>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <CodeBlock
        label={label}
        className="overflow-x-auto rounded-md bg-zinc-950 px-3 py-2.5 font-mono text-xs leading-relaxed text-zinc-100"
        data-testid={testId}
      >
        {value}
      </CodeBlock>
    </figure>
  );
}
