/**
 * Response headers that limit what a page of ours can be made to do. No imports: next.config.ts
 * loads this file as well as the proxy.
 */

/** On every response (next.config.ts `headers()`). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other sites learn only our origin, never a path: /r/<code> or a page with ids in it.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/** JSON and other non-page responses render nothing: they may load nothing and sit in no frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The policy of a page, set by the proxy with a fresh nonce per request. Next puts the nonce on
 * its own inline and bootstrap scripts, and 'strict-dynamic' lets those load the chunks they
 * need, so an injected script without the nonce never runs. Styles stay 'unsafe-inline': React
 * renders style attributes and the toaster injects its stylesheet, and styles cannot run code.
 */
export function pageContentSecurityPolicy({
  nonce,
  pathname,
  dev,
}: {
  nonce: string;
  pathname: string;
  dev: boolean;
}): string {
  // The public referral forms end by sending the visitor on to the campaign's landing page,
  // which Chrome checks against form-action when the form was posted before hydration.
  const continuesElsewhere = /^\/(join|r)\//.test(pathname);
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${continuesElsewhere ? " http: https:" : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
