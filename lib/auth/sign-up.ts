import { marketers, teams } from "@/db/schema";
import type { Db } from "@/db/client";
import { fail, invalid, isUniqueViolation, ok, type Result } from "@/lib/errors/result";
import { hashPassword } from "./password";
import { signUpSchema, type SignUpInput } from "./schemas";

export type SignedUp = { marketerId: string; teamId: string; email: string; name: string };

/** Creates the marketer and their team together. */
export async function signUp(db: Db, input: SignUpInput): Promise<Result<SignedUp>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return ok(
      await db.transaction(async (tx) => {
        const [team] = await tx.insert(teams).values({ name: `${name}'s team` }).returning({ id: teams.id });
        const [marketer] = await tx
          .insert(marketers)
          .values({ teamId: team!.id, name, email, passwordHash })
          .returning({ id: marketers.id });
        return { marketerId: marketer!.id, teamId: team!.id, email, name };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, "marketers_email_key")) {
      return fail("conflict", "An account with this email already exists", { email: "An account with this email already exists. Sign in instead." });
    }
    throw error;
  }
}
