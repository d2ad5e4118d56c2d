import { eq, sql } from "drizzle-orm";
import { marketers, signInThrottles } from "@/db/schema";
import type { Db } from "@/db/client";
import { fail, ok, type Result } from "@/lib/errors/result";
import { DUMMY_HASH_PROMISE, verifyPassword } from "./password";
import { signInSchema, type SignInInput } from "./schemas";

/** Failed sign-ins allowed per email within the window before it is locked for the lockout. */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_LOCKOUT_MINUTES = 15;

export type Authenticated = { marketerId: string; teamId: string; name: string; email: string };

export async function authenticate(db: Db, input: SignInInput, now = new Date()): Promise<Result<Authenticated>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Enter your email and password");
  const { email, password } = parsed.data;

  const [throttle] = await db.select().from(signInThrottles).where(eq(signInThrottles.email, email));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return throttled(throttle.lockedUntil, now);

  const [marketer] = await db.select().from(marketers).where(eq(marketers.email, email));
  const valid = await verifyPassword(password, marketer?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (marketer && valid) {
    if (throttle) await db.delete(signInThrottles).where(eq(signInThrottles.email, email));
    return ok({ marketerId: marketer.id, teamId: marketer.teamId, name: marketer.name, email });
  }

  const lockedUntil = await recordFailure(db, email, now);
  if (lockedUntil) return throttled(lockedUntil, now);
  return fail("invalid", "Incorrect email or password");
}

/** Counts a failure atomically; returns the lock expiry once the limit is reached. */
async function recordFailure(db: Db, email: string, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + SIGN_IN_LOCKOUT_MINUTES * 60_000);
  const [row] = await db
    .insert(signInThrottles)
    .values({ email, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottles.email,
      set: {
        failures: sql`case when ${signInThrottles.windowStartedAt} < ${windowStart.toISOString()} then 1 else ${signInThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottles.windowStartedAt} < ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else ${signInThrottles.windowStartedAt} end`,
        lockedUntil: null,
      },
    })
    .returning({ failures: signInThrottles.failures });
  if (!row || row.failures < SIGN_IN_MAX_FAILURES) return null;
  await db.update(signInThrottles).set({ lockedUntil: lockUntil }).where(eq(signInThrottles.email, email));
  return lockUntil;
}

function throttled(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return fail("throttled", `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}
