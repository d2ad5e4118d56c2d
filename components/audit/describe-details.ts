/** How the log names the keys that entries' details use; any other key is shown as written. */
const KEY_LABELS: Record<string, string> = {
  changed: "Changed",
  campaignId: "Campaign",
  event: "Event",
  createdVia: "Created through",
  deliveryId: "Delivery",
  since: "Failed since",
  count: "Deliveries",
  replaced: "Replaced",
  disabledReason: "Reason",
  reason: "Reason",
  previousSecretExpiresAt: "Old secret also signs until",
  type: "Type",
  qualified: "Qualified",
  recipientId: "Recipient",
};

/** Inside headers and credentials: which names. */
const ENTRY_LABELS: Record<string, string> = { added: "added", removed: "removed", changed: "new value" };

const label = (key: string) => KEY_LABELS[key] ?? key;

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${ENTRY_LABELS[k] ?? label(k)} ${text(v)}`)
      .join("; ");
  return String(value);
}

/**
 * An entry's details as lines of "Label: value". Entries hold field names, counts and ids, never
 * secret values, so everything they hold can be shown. Headers and credentials say which names
 * were added, removed or given a new value (`changed`).
 */
export function describeDetails(details: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(details).map(([key, value]) => ({
    label: key === "headers" ? "Headers" : key === "credentials" ? "Credentials" : label(key),
    value: text(value),
  }));
}
