import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

export type RateLimit = { limit: number; windowMs: number };
export type Counted = { limited: boolean; hits: number; retryAfterSeconds: number };

/**
 * Counts one hit against a bucket's fixed window in one statement and says whether it is over
 * the limit. The count is taken before the work it guards, so parallel requests cannot slip
 * past it: the (limit+1)th caller is refused however many run at once. The database holds the
 * windows, so every app instance shares them.
 */
export async function countHit(
  db: Db,
  bucket: string,
  { limit, windowMs }: RateLimit,
  now = Date.now(),
): Promise<Counted> {
  const windowStart = new Date(now - (now % windowMs));
  const [row] = await selectRows<{ hits: number }>(
    db,
    sql`insert into rate_limit_windows (bucket, window_start, hits)
        values (${bucket}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (bucket) do update set
          hits = case when excluded.window_start > rate_limit_windows.window_start then 1 else rate_limit_windows.hits + 1 end,
          window_start = greatest(rate_limit_windows.window_start, excluded.window_start)
        returning hits`,
  );
  const hits = row?.hits ?? 0;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
  return { limited: hits > limit, hits, retryAfterSeconds };
}

/** Forgets a bucket's hits, e.g. the failed sign-ins of a client once it signs in. */
export async function clearHits(db: Db, bucket: string): Promise<void> {
  await db.execute(sql`delete from rate_limit_windows where bucket = ${bucket}`);
}

/**
 * Takes back one hit, for work that turned out not to count (a sign-in that succeeded). Only that
 * caller's own hit: a later failure is still counted, so this cannot be used to reset a limit.
 */
export async function giveBackHit(db: Db, bucket: string): Promise<void> {
  await db.execute(sql`update rate_limit_windows set hits = greatest(hits - 1, 0) where bucket = ${bucket}`);
}

/** "Try again in 3 minutes" for a person who hit a limit. */
export function tryAgainIn(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) return `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
