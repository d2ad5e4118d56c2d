"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { getDb } from "@/db/client";
import { failed, failedWith, succeeded, type ActionResult } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/action-wrappers";
import { signIn, signOut } from "@/lib/auth/auth";
import { signUpSchema } from "@/lib/auth/schemas";
import { submitSignUp } from "@/lib/auth/sign-up";
import { clientAddress } from "@/lib/http/client-address";

// Sign-in checks nothing before authenticating: whether an email is well-formed tells a guesser nothing.
const signInInput = z.object({ email: z.string(), password: z.string(), next: z.string().optional() });
const never = ["password"] as const;

export const signInAction = publicAction(
  { name: "signIn", schema: signInInput, omitValues: never },
  async ({ email, password, next }) => signInOrSayWhy(email, password, safeNext(next)),
);

export const signUpAction = publicAction({ name: "signUp", schema: signUpSchema, omitValues: never }, async (input) => {
  const result = await submitSignUp(await getDb(), input, clientAddress(await headers()));
  if (!result.ok) return failedWith(result);
  // New account or taken email alike: signing in decides, so a taken email gets the sign-in form's answer.
  return signInOrSayWhy(input.email, input.password, "/campaigns");
});

export const signOutAction = publicAction({ name: "signOut", schema: z.object({}) }, async () => {
  await signOut({ redirectTo: "/sign-in" });
  return succeeded(undefined);
});

async function signInOrSayWhy(email: string, password: string, redirectTo: string): Promise<ActionResult> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (error instanceof CredentialsSignin) return failed(error.code);
    if (error instanceof AuthError) return failed("Sign-in failed. Please try again.");
    throw error;
  }
  return succeeded(undefined);
}

/** Only same-site paths: never bounce a fresh session to another origin. */
function safeNext(path = ""): string {
  return path.startsWith("/") && !path.startsWith("//") ? path : "/campaigns";
}
