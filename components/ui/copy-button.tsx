"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "./button";

/** `nameValue`: say the value in the button's accessible name (a URL, a key), not for long text. */
export function CopyButton({
  value,
  label = "Copy",
  nameValue = true,
}: {
  value: string;
  label?: string;
  nameValue?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  // The name starts with what the button shows, "Copied" included (WCAG 2.5.3), then what it copies.
  return (
    <Button
      variant="secondary"
      size="md"
      onClick={copy}
      aria-label={nameValue ? `${copied ? "Copied" : label}: ${value}` : copied ? `Copied: ${label}` : label}
    >
      {copied ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
      {copied ? "Copied" : label}
    </Button>
  );
}
