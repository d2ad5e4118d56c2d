import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentMarketer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentMarketer()) redirect("/campaigns");
  const { callbackUrl } = await searchParams;
  const next = callbackUrl ? safePath(callbackUrl) : undefined;
  return <SignInForm next={next} />;
}

/** next-auth passes an absolute callback URL; keep only its path. */
function safePath(url: string): string | undefined {
  try {
    const parsed = new URL(url, "http://localhost");
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}
