import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next enforces this import boundary at build time; plain Node has nothing to enforce.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    // A loopback stand-in for Inngest's event API, pointed at before the app's client loads.
    setupFiles: ["tests/helpers/inngest-event-api.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each integration file opens its own database; two workers fit the 2-core machine.
    maxWorkers: 2,
    env: {
      NODE_ENV: "test",
      AUTH_SECRET: "test-auth-secret-that-is-long-enough-0123456789",
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      APP_URL: "http://localhost:3000",
      ALLOW_PRIVATE_WEBHOOK_TARGETS: "true",
    },
  },
});
