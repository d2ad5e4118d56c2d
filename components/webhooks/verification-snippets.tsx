"use client";

import { Tabs } from "radix-ui";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { VERIFICATION_SNIPPETS, type SnippetLanguage } from "@/lib/webhooks/verification-snippets";

const LANGUAGES = Object.keys(VERIFICATION_SNIPPETS) as SnippetLanguage[];

/** How to verify a delivery, per language: the same tested code as docs/webhooks.md. */
export function VerificationSnippets() {
  return (
    <Tabs.Root defaultValue="node" className="space-y-2">
      <h3 className="text-sm font-semibold text-zinc-900">Verify a delivery</h3>
      <p className="text-xs text-zinc-500">
        Pass the raw body as received (for a GET webhook: <code className="font-mono">GET</code> and the request
        target). Timestamps more than 5 minutes off are refused; during a rotation either signature is accepted.
      </p>
      <Tabs.List aria-label="Language" className="flex flex-wrap gap-1">
        {LANGUAGES.map((language) => (
          <Tabs.Trigger
            key={language}
            value={language}
            className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=active]:bg-indigo-50 data-[state=active]:text-indigo-700"
          >
            {VERIFICATION_SNIPPETS[language].label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {LANGUAGES.map((language) => (
        <Tabs.Content key={language} value={language} className="space-y-2">
          <CodeBlock
            label={`${VERIFICATION_SNIPPETS[language].label} verification code`}
            className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 text-xs leading-relaxed text-zinc-100"
          >
            {VERIFICATION_SNIPPETS[language].code}
          </CodeBlock>
          <CopyButton
            value={VERIFICATION_SNIPPETS[language].code}
            label={`Copy ${VERIFICATION_SNIPPETS[language].label} code`}
            nameValue={false}
          />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
