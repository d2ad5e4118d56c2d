"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { signUp } from "@/lib/auth/sign-up";
import type { FormState } from "@/components/ui/form-state";

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: safeNext(form.get("next")) });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (error instanceof CredentialsSignin) return { message: error.code, values: { email } };
    if (error instanceof AuthError) return { message: "Sign-in failed. Please try again.", values: { email } };
    throw error;
  }
  return {};
}

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
  const result = await signUp(await getDb(), input);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: { name: input.name, email: input.email } };
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/campaigns" });
  return {};
}

/** Only same-site paths: never bounce a fresh session to another origin. */
function safeNext(next: FormDataEntryValue | null): string {
  const path = typeof next === "string" ? next : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/campaigns";
}
