/**
 * Tokens this process has seen refused (429) in the current rate window. The shared counter only
 * grows until the window ends, so they stay refused until then: answering from memory keeps a
 * flood off the database, where every refusal would otherwise be one more write to one hot row.
 * Other instances learn the same from their first refusal; the database stays the authority.
 */
const refusedUntil = new Map<string, number>();

/** Seconds until the window ends if this token is known to be over its limit, else null. */
export function knownRefusal(token: string, now: number): number | null {
  const until = refusedUntil.get(token);
  if (until === undefined) return null;
  if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
  refusedUntil.delete(token);
  return null;
}

export function rememberRefusal(token: string, until: number, now: number): void {
  // Only tokens over their limit are kept, and each for at most one window.
  for (const [known, end] of refusedUntil) if (end <= now) refusedUntil.delete(known);
  refusedUntil.set(token, until);
}
