import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/auth.config";

// Signed-out visitors are sent to /sign-in by the `authorized` callback.
export default NextAuth(authConfig).auth;

export const config = {
  // The machine-facing routes (Inngest, inbound webhooks, REST API, health) authenticate
  // themselves and stay off this path for speed; static assets never need a session.
  matcher: ["/((?!api/inngest|api/inbound|api/v1|api/health|_next/static|_next/image|favicon.ico|.*\\.png$).*)"],
};
