"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { submitSignUp } from "@/lib/auth/sign-up";
import { clientAddress } from "@/lib/http/client-address";
import type { FormState } from "@/components/ui/form-state";

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  return signInOrSayWhy(email, String(form.get("password") ?? ""), safeNext(form.get("next")), { email });
}

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
  const values = { name: input.name, email: input.email };
  const result = await submitSignUp(await getDb(), input, clientAddress(await headers()));
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values };
  // New account or taken email alike: signing in decides, so a taken email gets the sign-in form's answer.
  return signInOrSayWhy(input.email, input.password, "/campaigns", values);
}

async function signInOrSayWhy(email: string, password: string, redirectTo: string, values: FormState["values"]): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (error instanceof CredentialsSignin) return { message: error.code, values };
    if (error instanceof AuthError) return { message: "Sign-in failed. Please try again.", values };
    throw error;
  }
  return {};
}

/** Only same-site paths: never bounce a fresh session to another origin. */
function safeNext(next: FormDataEntryValue | null): string {
  const path = typeof next === "string" ? next : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/campaigns";
}
