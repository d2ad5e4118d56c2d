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

/**
 * Which entries a save adds, removes or gives a new value, by name only, for the audit log. An
 * entry is one name compared case-insensitively, as `sealEntries` keeps it; a value typed again
 * unchanged is no change.
 */
export function entryChanges(submitted: { key: string; value: string }[], previous: SealedEntry[], webhookId: string) {
  const before = new Map(previous.map((e) => [e.key.toLowerCase(), e.value]));
  const after = new Set(submitted.map((e) => e.key.toLowerCase()));
  const added: string[] = [];
  const changed: string[] = [];
  for (const { key, value } of submitted) {
    const sealed = before.get(key.toLowerCase());
    if (sealed === undefined) added.push(key);
    else if (value !== "" && !holds(sealed, value, webhookId)) changed.push(key);
  }
  const removed = previous.filter((e) => !after.has(e.key.toLowerCase())).map((e) => e.key);
  return { added, removed, changed };
}

/** A saved value that no longer decrypts (the key changed) counts as replaced. */
function holds(sealed: string, value: string, webhookId: string): boolean {
  try {
    return decryptSecret(sealed, { context: contextOf(webhookId) }) === value;
  } catch {
    return false;
  }
}

export const maskEntries = (entries: SealedEntry[]): MaskedEntry[] =>
  entries.map((e) => ({ key: e.key, masked: MASK }));

export function unsealEntries(entries: SealedEntry[], webhookId: string): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, decryptSecret(e.value, { context: contextOf(webhookId) })]));
}
