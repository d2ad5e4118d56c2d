import { defineConfig, devices } from "@playwright/test";
import { E2E_SERVER_ENV } from "./e2e/support/server-env";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${PORT}`;

/**
 * E2E runs against a production build (`npm run build` first) on its own port and its own
 * database: DATABASE_URL when set (CI points it at a fresh PostgreSQL database), otherwise a
 * new PGlite folder per run.
 */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's Chromium where Playwright cannot download its own; unset CHROMIUM_PATH="" to use Playwright's.
          executablePath:
            process.env.CHROMIUM_PATH === "" ? undefined : (process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      ...E2E_SERVER_ENV,
      APP_URL: baseURL,
      DATA_DIR: `.data/e2e-${process.pid}`,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
