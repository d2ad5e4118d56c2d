import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const secrets = { AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };

describe("configuration", () => {
  it("names each malformed variable", () => {
    expect(() => parseEnv({ ...secrets, DATABASE_URL: "mysql://nope", APP_URL: "not a url", NODE_ENV: "test" })).toThrow(/DATABASE_URL[\s\S]*APP_URL|APP_URL[\s\S]*DATABASE_URL/);
    expect(() => parseEnv({ ...secrets, ENCRYPTION_KEY: "short", NODE_ENV: "test" })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
  });

  it("requires the secrets in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: required in production[\s\S]*ENCRYPTION_KEY: required in production/);
    expect(parseEnv({ ...secrets, NODE_ENV: "production" }).AUTH_SECRET).toBe(secrets.AUTH_SECRET);
  });

  it("generates missing development secrets once and keeps them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "referwire-env-"));
    const first = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const second = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    expect(first.AUTH_SECRET).toHaveLength(43);
    expect(second).toMatchObject({ AUTH_SECRET: first.AUTH_SECRET, ENCRYPTION_KEY: first.ENCRYPTION_KEY });
    expect(JSON.parse(readFileSync(path.join(dir, "dev-secrets.json"), "utf8"))).toMatchObject({ AUTH_SECRET: first.AUTH_SECRET });
  });

  it("refuses a delivery retention shorter than a delivery can keep retrying", () => {
    expect(() => parseEnv({ ...secrets, NODE_ENV: "test", WEBHOOK_RETENTION_DAYS: "1" })).toThrow(/WEBHOOK_RETENTION_DAYS: must be at least 2 days: a delivery keeps retrying for up to 28 hours/);
    expect(parseEnv({ ...secrets, NODE_ENV: "test", WEBHOOK_RETENTION_DAYS: "2" }).WEBHOOK_RETENTION_DAYS).toBe(2);
  });

  it("treats empty strings as unset and applies defaults", () => {
    const env = parseEnv({ ...secrets, NODE_ENV: "test", DATABASE_URL: "", APP_URL: "", WEBHOOK_RETENTION_DAYS: "" });
    expect(env).toMatchObject({ DATABASE_URL: undefined, APP_URL: "http://localhost:3000", WEBHOOK_RETENTION_DAYS: 30 });
  });
});
