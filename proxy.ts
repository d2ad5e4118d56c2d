import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { env } from "@/lib/config/env";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";

const { auth } = NextAuth(authConfig);

type ProxyHandler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Signed-out visitors are redirected to /sign-in by the `authorized` callback before this runs.
 * Every page then gets a Content-Security-Policy with a fresh nonce: on the request, where Next
 * reads it to put on its scripts, and on the response. /api/auth answers JSON and redirects,
 * and takes next.config.ts's policy for the API. With a lazily read configuration, next-auth
 * hands the wrapped handler back as a promise (its types describe only the eager case).
 */
const withSession = auth((request) => {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy({ nonce, pathname, dev: env().NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}) as unknown as Promise<ProxyHandler>;

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await withSession)(request, event);
}

export const config = {
  // The machine-facing routes (Inngest, inbound webhooks, the request inbox, REST API, health,
  // the public event schemas) authenticate themselves or need nothing, and stay off this path for
  // speed; static assets never need a session.
  matcher: [
    "/((?!api/inngest|api/inbound|api/inbox|api/v1|api/health|schemas/|_next/static|_next/image|favicon.ico|.*\\.png$).*)",
  ],
};
