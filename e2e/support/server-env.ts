/** The configuration the e2e server runs with; scripts that share its database need the same keys. */
export const E2E_SERVER_ENV = {
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-auth-secret-0123456789-0123456789-abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  ALLOW_PRIVATE_WEBHOOK_TARGETS: "true",
  // The tests send X-Forwarded-For as a proxy would (sendFromOwnAddress), so the per-client
  // limits see each page as a client of its own instead of the whole suite as one.
  TRUSTED_PROXY_HOPS: "1",
  // The e2e server runs as production, which allows private targets only in named ranges:
  // the tests' receivers listen on loopback.
  PRIVATE_WEBHOOK_TARGET_RANGES: "127.0.0.0/8,::1/128",
  // Production keeps the request inbox off unless asked; the inbox spec uses it.
  REQUEST_INBOX: "true",
  // Production requires it; nothing calls /api/inngest in e2e (deliveries run in Inngest's test engine).
  INNGEST_SIGNING_KEY: `signkey-test-${"e2".repeat(32)}`,
};
