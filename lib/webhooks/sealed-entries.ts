import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { fail, type Failure } from "@/lib/errors/result";

/** A header or credential as stored: the name in clear, the value sealed (AES-GCM). */
export type { SealedEntry } from "@/db/schema";
import type { SealedEntry } from "@/db/schema";
/** What the browser may see after saving. */
export type MaskedEntry = { key: string; masked: string };

export const MASK = "••••••••";
export const contextOf = (webhookId: string) => `webhook:${webhookId}`;

/**
 * Seals submitted entries. An empty value for a key that was saved before keeps the saved
 * value: the form never receives secrets, so "unchanged" arrives as empty.
 */
export function sealEntries(
  entries: { key: string; value: string }[],
  previous: SealedEntry[],
  webhookId: string,
  field: "headers" | "credentials",
): SealedEntry[] | Failure {
  const saved = new Map(previous.map((e) => [e.key.toLowerCase(), e.value]));
  const sealed: SealedEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.value !== "") {
      sealed.push({ key: entry.key, value: encryptSecret(entry.value, { context: contextOf(webhookId) }) });
      continue;
    }
    const kept = saved.get(entry.key.toLowerCase());
    if (!kept)
      return fail("invalid", "Please correct the highlighted fields", { [`${field}.${i}.value`]: "Enter a value" });
    sealed.push({ key: entry.key, value: kept });
  }
  return sealed;
}

export const maskEntries = (entries: SealedEntry[]): MaskedEntry[] =>
  entries.map((e) => ({ key: e.key, masked: MASK }));

export function unsealEntries(entries: SealedEntry[], webhookId: string): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, decryptSecret(e.value, { context: contextOf(webhookId) })]));
}
