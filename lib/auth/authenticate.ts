import { eq } from "drizzle-orm";
import { marketers } from "@/db/schema";
import type { Db } from "@/db/client";
import { fail, ok, type Result } from "@/lib/errors/result";
import { clientNetwork } from "@/lib/http/client-address";
import { clearHits, countHit, giveBackHit, tryAgainIn, type RateLimit } from "@/lib/rate-limit/count-hit";
import { DUMMY_HASH_PROMISE, verifyPassword } from "./password";
import { signInSchema, type SignInInput } from "./schemas";

/**
 * Attempts at one email from one client address per window. Counted per address, so someone
 * guessing from elsewhere cannot lock the owner out of their own browser; a sign-in clears it.
 */
export const SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL: RateLimit = { limit: 5, windowMs: 15 * 60_000 };
/**
 * Attempts from one client address, whatever the email: one password tried across many accounts.
 * A sign-in that succeeds gives its hit back, so colleagues behind one office address are not
 * limited by their own sign-ins; only failures accumulate.
 */
export const SIGN_IN_LIMIT_PER_ADDRESS: RateLimit = { limit: 20, windowMs: 15 * 60_000 };

export type Authenticated = { marketerId: string; name: string; email: string };

/**
 * Checks an email and password. Both limits are counted before the password is checked, in one
 * statement each, so parallel guesses cannot slip past them: of any number of attempts at once,
 * at most the limit get a real password check. An IPv6 client counts as its /64, and requests
 * without a known address as one client.
 */
export async function authenticate(
  db: Db,
  input: SignInInput,
  clientAddress: string | null,
  now = Date.now(),
): Promise<Result<Authenticated>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Enter your email and password");
  const { email, password } = parsed.data;

  const client = clientNetwork(clientAddress);
  const emailBucket = `sign-in:ip-email:${client}:${email}`;
  const perEmail = await countHit(db, emailBucket, SIGN_IN_LIMIT_PER_ADDRESS_AND_EMAIL, now);
  const addressBucket = `sign-in:ip:${client}`;
  const perAddress = await countHit(db, addressBucket, SIGN_IN_LIMIT_PER_ADDRESS, now);
  const refused = [perEmail, perAddress].filter((count) => count.limited);
  if (refused.length > 0) {
    const wait = Math.max(...refused.map((count) => count.retryAfterSeconds));
    return fail("throttled", `Too many sign-in attempts. ${tryAgainIn(wait)}`);
  }

  // Unknown emails are checked against a real hash too, so the time taken does not tell them apart.
  const [marketer] = await db.select().from(marketers).where(eq(marketers.email, email));
  const valid = await verifyPassword(password, marketer?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!marketer || !valid) return fail("invalid", "Incorrect email or password");

  await clearHits(db, emailBucket);
  await giveBackHit(db, addressBucket);
  return ok({ marketerId: marketer.id, name: marketer.name, email });
}
