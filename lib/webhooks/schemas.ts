import { z } from "zod";
import { eventTypes, participantSources, webhookMethods } from "@/db/enums";
import { MAX_CREDENTIALS, MAX_HEADERS } from "./policy";

export { webhookMethods as WEBHOOK_METHODS } from "@/db/enums";

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers we set ourselves: a webhook may not override them. */
const RESERVED_HEADERS = /^(host|content-length|content-type|transfer-encoding|connection|webhook-.*)$/i;

const headerEntry = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Enter a header name")
    .max(100, "Use at most 100 characters")
    .regex(HEADER_NAME, "Use letters, digits and - only")
    .refine((k) => !RESERVED_HEADERS.test(k), "Referwire sets this header itself"),
  /** Empty on edit means "keep the saved value". */
  value: z
    .string()
    .max(2000, "Use at most 2000 characters")
    .refine((v) => !/[\r\n]/.test(v), "Line breaks are not allowed"),
});

const credentialEntry = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Enter a key")
    .max(64, "Use at most 64 characters")
    .regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, _ . - only"),
  value: z.string().max(2000, "Use at most 2000 characters"),
});

function uniqueKeys<T extends { key: string }>(entries: T[], ctx: z.RefinementCtx, caseInsensitive: boolean) {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const key = caseInsensitive ? entry.key.toLowerCase() : entry.key;
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: "This key is already used" });
    seen.add(key);
  });
}

/**
 * One schema for the Create/Edit Webhook form and the server (and later the REST API).
 * `allowPrivateNetworks` comes from server configuration; without it only https is accepted.
 */
export function webhookSchema({ allowPrivateNetworks }: { allowPrivateNetworks: boolean }) {
  return z.object({
    name: z.string().trim().min(1, "Give the webhook a name").max(100, "Use at most 100 characters"),
    url: z
      .string()
      .trim()
      .min(1, "Enter the URL that receives the webhook")
      .max(2000, "Use at most 2000 characters")
      .pipe(z.url({ protocol: /^https?$/, error: "Enter an absolute http(s) URL" }))
      .refine(
        (u) => !/^[a-z]+:\/\/[^/]*@/i.test(u),
        "Remove the user name and password from the URL; use Headers or Credentials",
      )
      .refine((u) => allowPrivateNetworks || u.startsWith("https://"), "Use an https:// URL"),
    method: z.enum(webhookMethods).default("POST"),
    event: z.enum(eventTypes, { error: "Choose an event" }),
    sources: z
      .array(z.enum(participantSources))
      .default([])
      .transform((s) => [...new Set(s)]),
    headers: z
      .array(headerEntry)
      .max(MAX_HEADERS, `At most ${MAX_HEADERS} headers`)
      .default([])
      .superRefine((h, ctx) => uniqueKeys(h, ctx, true)),
    credentials: z
      .array(credentialEntry)
      .max(MAX_CREDENTIALS, `At most ${MAX_CREDENTIALS} credentials`)
      .default([])
      .superRefine((c, ctx) => uniqueKeys(c, ctx, false)),
  });
}

export type WebhookInput = z.input<ReturnType<typeof webhookSchema>>;
export type WebhookValues = z.output<ReturnType<typeof webhookSchema>>;
