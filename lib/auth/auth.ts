import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { authConfig } from "./auth.config";
import { authenticate } from "./authenticate";

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
        const { marketerId, teamId, name, email } = result.value;
        return { id: marketerId, teamId, name, email };
      },
    }),
  ],
}));
