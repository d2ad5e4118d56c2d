import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { authConfig } from "./auth.config";
import { authenticate } from "./authenticate";
import { endMarketerSession, startMarketerSession } from "./marketer-sessions";

/** Carries our message through next-auth to the sign-in form (the code is safe to show). */
class SignInRefused extends CredentialsSignin {
  constructor(message: string) {
    super(message);
    this.code = message;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await authenticate(
          await getDb(),
          { email: String(credentials.email ?? ""), password: String(credentials.password ?? "") },
          clientAddress(request.headers),
        );
        if (!result.ok) throw new SignInRefused(result.message);
        const { marketerId, name, email } = result.value;
        return { id: marketerId, name, email };
      },
    }),
  ],
  // The database half of the session (lib/auth/marketer-sessions.ts), kept out of auth.config.ts
  // because the proxy loads that.
  callbacks: {
    ...authConfig().callbacks,
    async jwt(params) {
      const token = authConfig().callbacks.jwt(params);
      if (params.user?.id) token.sessionId = await startMarketerSession(await getDb(), params.user.id);
      return token;
    },
  },
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (typeof sessionId === "string") await endMarketerSession(await getDb(), sessionId);
    },
  },
}));
