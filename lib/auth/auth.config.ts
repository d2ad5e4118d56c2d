import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/config/env";

/** A session lasts this long from sign-in (the cookie and its server-side row alike). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Paths anyone may open; everything else the proxy sends through sign-in. */
const PUBLIC_PATHS = [/^\/sign-in$/, /^\/sign-up$/, /^\/invite\//, /^\/join\//, /^\/r\//, /^\/api\/auth\//];

/**
 * The part of the auth configuration the proxy needs: no database, no password hashing.
 * A function, so configuration is read when a request arrives, not while `next build` runs.
 */
export const authConfig = () =>
  ({
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: [],
    callbacks: {
      authorized({ auth, request }) {
        const { pathname } = request.nextUrl;
        if (PUBLIC_PATHS.some((p) => p.test(pathname)) || auth?.user) return true;
        // A response rather than false, so the proxy's own handler (security headers) runs only
        // for requests that go on to a page.
        const signIn = new URL("/sign-in", request.nextUrl);
        signIn.searchParams.set("callbackUrl", request.nextUrl.href);
        return Response.redirect(signIn, 307);
      },
      jwt({ token, user }) {
        if (user) token.marketerId = user.id;
        return token;
      },
      session({ session, token }) {
        session.user.id = token.marketerId as string;
        // Set at sign-in by lib/auth/auth.ts; currentMarketer() checks it is still live.
        session.sessionId = token.sessionId as string | undefined;
        return session;
      },
    },
  }) satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    // The team is not in the cookie: the session's row says which one it looks at.
    user: { id: string; name?: string | null; email?: string | null };
    sessionId?: string;
  }
}
