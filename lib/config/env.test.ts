import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const secrets = { AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };
const signingKey = `signkey-prod-${"ab".repeat(32)}`;
const production = { ...secrets, NODE_ENV: "production", INNGEST_SIGNING_KEY: signingKey } as const;

describe("configuration", () => {
  it("names each malformed variable", () => {
    expect(() =>
      parseEnv({ ...secrets, DATABASE_URL: "mysql://nope", APP_URL: "not a url", NODE_ENV: "test" }),
    ).toThrow(/DATABASE_URL[\s\S]*APP_URL|APP_URL[\s\S]*DATABASE_URL/);
    expect(() => parseEnv({ ...secrets, ENCRYPTION_KEY: "short", NODE_ENV: "test" })).toThrow(
      /ENCRYPTION_KEY: must be 32 bytes/,
    );
  });

  it("requires the secrets in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", INNGEST_SIGNING_KEY: signingKey })).toThrow(
      /AUTH_SECRET: required in production[\s\S]*ENCRYPTION_KEY: required in production/,
    );
    expect(parseEnv({ ...production }).AUTH_SECRET).toBe(secrets.AUTH_SECRET);
  });

  it("refuses to start in production without Inngest's signing key, unless Inngest runs as a dev server", () => {
    expect(() => parseEnv({ ...secrets, NODE_ENV: "production" })).toThrow(
      /INNGEST_SIGNING_KEY: required in production, so that \/api\/inngest only runs requests Inngest signed/,
    );
    expect(() => parseEnv({ ...secrets, NODE_ENV: "production", INNGEST_DEV: "false" })).toThrow(/INNGEST_SIGNING_KEY/);
    expect(parseEnv({ ...secrets, NODE_ENV: "production", INNGEST_DEV: "true" }).INNGEST_DEV).toBe(true);
    expect(parseEnv({ ...secrets, NODE_ENV: "test" }).INNGEST_SIGNING_KEY).toBeUndefined();
  });

  it("refuses private webhook targets in production unless the allowed ranges are named", () => {
    expect(() => parseEnv({ ...production, ALLOW_PRIVATE_WEBHOOK_TARGETS: "true" })).toThrow(
      /ALLOW_PRIVATE_WEBHOOK_TARGETS: in production, also list the private ranges webhooks may reach in PRIVATE_WEBHOOK_TARGET_RANGES/,
    );
    const ranged = parseEnv({
      ...production,
      ALLOW_PRIVATE_WEBHOOK_TARGETS: "true",
      PRIVATE_WEBHOOK_TARGET_RANGES: "10.0.0.0/8, 192.168.1.0/24",
    });
    expect(ranged.PRIVATE_WEBHOOK_TARGET_RANGES).toEqual(["10.0.0.0/8", "192.168.1.0/24"]);
    expect(() => parseEnv({ ...production, PRIVATE_WEBHOOK_TARGET_RANGES: "10.0.0.0/8" })).toThrow(
      /PRIVATE_WEBHOOK_TARGET_RANGES: takes effect only with ALLOW_PRIVATE_WEBHOOK_TARGETS=true/,
    );
    expect(() =>
      parseEnv({ ...production, ALLOW_PRIVATE_WEBHOOK_TARGETS: "true", PRIVATE_WEBHOOK_TARGET_RANGES: "10.0.0.1" }),
    ).toThrow(/PRIVATE_WEBHOOK_TARGET_RANGES: "10.0.0.1" is not a range in CIDR notation/);
    expect(() =>
      parseEnv({
        ...production,
        ALLOW_PRIVATE_WEBHOOK_TARGETS: "true",
        PRIVATE_WEBHOOK_TARGET_RANGES: "169.254.169.254/32",
      }),
    ).toThrow(/metadata/);
    expect(parseEnv({ ...production, ALLOW_PRIVATE_WEBHOOK_TARGETS: "false" }).ALLOW_PRIVATE_WEBHOOK_TARGETS).toBe(
      false,
    );
    // Outside production, on by default and unrestricted unless ranges are named.
    expect(
      parseEnv({ ...secrets, NODE_ENV: "test", ALLOW_PRIVATE_WEBHOOK_TARGETS: "true" }).PRIVATE_WEBHOOK_TARGET_RANGES,
    ).toBeUndefined();
  });

  it("generates missing development secrets once and keeps them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "referwire-env-"));
    const first = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const second = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    expect(first.AUTH_SECRET).toHaveLength(43);
    expect(second).toMatchObject({ AUTH_SECRET: first.AUTH_SECRET, ENCRYPTION_KEY: first.ENCRYPTION_KEY });
    expect(JSON.parse(readFileSync(path.join(dir, "dev-secrets.json"), "utf8"))).toMatchObject({
      AUTH_SECRET: first.AUTH_SECRET,
    });
  });

  it("refuses a delivery retention shorter than a delivery can keep retrying", () => {
    expect(() => parseEnv({ ...secrets, NODE_ENV: "test", WEBHOOK_RETENTION_DAYS: "1" })).toThrow(
      /WEBHOOK_RETENTION_DAYS: must be at least 2 days: a delivery keeps retrying for up to 28 hours/,
    );
    expect(parseEnv({ ...secrets, NODE_ENV: "test", WEBHOOK_RETENTION_DAYS: "2" }).WEBHOOK_RETENTION_DAYS).toBe(2);
  });

  it("without APP_URL, links follow the port the server listens on", () => {
    expect(parseEnv({ ...secrets, NODE_ENV: "development", PORT: "3001" }).APP_URL).toBe("http://localhost:3001");
    expect(
      parseEnv({ ...secrets, NODE_ENV: "development", PORT: "3001", APP_URL: "https://refer.example.com" }).APP_URL,
    ).toBe("https://refer.example.com");
  });

  it("treats empty strings as unset and applies defaults", () => {
    const env = parseEnv({ ...secrets, NODE_ENV: "test", DATABASE_URL: "", APP_URL: "", WEBHOOK_RETENTION_DAYS: "" });
    expect(env).toMatchObject({
      DATABASE_URL: undefined,
      APP_URL: "http://localhost:3000",
      WEBHOOK_RETENTION_DAYS: 30,
    });
  });
});
