/** The configuration the e2e server runs with; scripts that share its database need the same keys. */
export const E2E_SERVER_ENV = {
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-auth-secret-0123456789-0123456789-abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  ALLOW_PRIVATE_WEBHOOK_TARGETS: "true",
};
