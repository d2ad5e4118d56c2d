import "server-only";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

/**
 * 600 calls a minute per key, across every app instance: about what established referral
 * platforms allow, so integrations written for them fit.
 */
export const API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_MS = 60_000;

/** Counts one request against the key's current window in one statement; says whether it is over. */
export async function countApiRequest(
  db: Db,
  key: { id: string; teamId: string },
  now = Date.now(),
  limit = API_RATE_LIMIT,
) {
  const windowStart = new Date(now - (now % API_RATE_WINDOW_MS));
  const [row] = await selectRows<{ hits: number }>(
    db,
    sql`insert into api_rate_windows (api_key_id, team_id, window_start, hits)
        values (${key.id}, ${key.teamId}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (api_key_id) do update set
          hits = case when excluded.window_start > api_rate_windows.window_start then 1 else api_rate_windows.hits + 1 end,
          window_start = greatest(api_rate_windows.window_start, excluded.window_start)
        returning hits`,
  );
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + API_RATE_WINDOW_MS - now) / 1000));
  return { limited: (row?.hits ?? 0) > limit, retryAfterSeconds };
}
