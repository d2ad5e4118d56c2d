import { marketers, teamMembers, teams } from "@/db/schema";
import type { Db } from "@/db/client";
import { fail, invalid, isUniqueViolation, ok, type Result } from "@/lib/errors/result";
import { clientNetwork } from "@/lib/http/client-address";
import { countHit, tryAgainIn, type RateLimit } from "@/lib/rate-limit/count-hit";
import { hashPassword } from "./password";
import { signUpSchema, type SignUpInput } from "./schemas";

/** Accounts a client address may ask for per window: a person signs up once, a script hundreds of times. */
export const SIGN_UPS_PER_ADDRESS: RateLimit = { limit: 10, windowMs: 60 * 60_000 };

export type SignedUp = { marketerId: string; teamId: string; email: string; name: string };

/**
 * Creates the marketer and their team together, the marketer its owner. A taken email creates nothing and comes back as
 * a conflict, for callers that create accounts themselves (seed, tests); the sign-up form goes
 * through `submitSignUp`, which never tells a person that an email has an account.
 */
export async function signUp(db: Db, input: SignUpInput): Promise<Result<SignedUp>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return ok(
      await db.transaction(async (tx) => {
        const [team] = await tx
          .insert(teams)
          .values({ name: `${name}'s team` })
          .returning({ id: teams.id });
        const [marketer] = await tx
          .insert(marketers)
          .values({ name, email, passwordHash })
          .returning({ id: marketers.id });
        await tx.insert(teamMembers).values({ teamId: team!.id, marketerId: marketer!.id, role: "owner" });
        return { marketerId: marketer!.id, teamId: team!.id, email, name };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, "marketers_email_key"))
      return fail("conflict", "This email cannot be used for a new account");
    throw error;
  }
}

/**
 * The sign-up form, counted per client address before anything is hashed or written. A new email
 * gets its account; a taken one gets nothing and the same "ok", because either way the form goes
 * on to sign in with the email and password given. For a taken email that sign-in is the sign-in
 * form's own check, with its limits: the right password opens the existing account, any other gets
 * the sign-in form's answer. So the form never says an email has an account.
 */
export async function submitSignUp(
  db: Db,
  input: SignUpInput,
  clientAddress: string | null,
  now = Date.now(),
): Promise<Result<{ created: boolean }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const count = await countHit(db, `sign-up:ip:${clientNetwork(clientAddress)}`, SIGN_UPS_PER_ADDRESS, now);
  if (count.limited)
    return fail("throttled", `Too many sign-ups from your network. ${tryAgainIn(count.retryAfterSeconds)}`);
  const result = await signUp(db, input);
  if (result.ok) return ok({ created: true });
  if (result.code === "conflict") return ok({ created: false });
  return result;
}
