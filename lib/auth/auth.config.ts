import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/config/env";

/** Paths anyone may open; everything else the proxy sends through sign-in. */
const PUBLIC_PATHS = [/^\/sign-in$/, /^\/sign-up$/, /^\/join\//, /^\/r\//, /^\/api\/auth\//];

/**
 * The part of the auth configuration the proxy needs: no database, no password hashing.
 * A function, so configuration is read when a request arrives, not while `next build` runs.
 */
export const authConfig = () => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt" },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      if (PUBLIC_PATHS.some((p) => p.test(pathname))) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.marketerId = user.id;
        token.teamId = (user as { teamId?: string }).teamId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.marketerId as string;
      session.user.teamId = token.teamId as string;
      return session;
    },
  },
}) satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    user: { id: string; teamId: string; name?: string | null; email?: string | null };
  }
}
