import "server-only";
import { z } from "zod";
import { MIN_RETENTION_DAYS, RETRY_HORIZON_MS } from "@/lib/webhooks/policy";
import { loadDevSecrets } from "./dev-secrets";

/** Empty strings count as unset, so a blank line in .env never overrides a default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… for a real server; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" })),
  DATA_DIR: optional(z.string()).default(".data"),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  /** 32 bytes, base64: encrypts webhook header values and credentials at rest. */
  ENCRYPTION_KEY: optional(
    z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64"),
  ),
  /** Public origin used in referral links and inbound URLs. */
  APP_URL: optional(z.url()).default("http://localhost:3000"),
  /** Lets webhooks target loopback/private addresses. Development and tests only. */
  ALLOW_PRIVATE_WEBHOOK_TARGETS: optional(booleanFlag),
  /** Seeds the demo account on an empty embedded database at start (development default). */
  SEED_DEMO_ON_EMPTY: optional(booleanFlag),
  /** Inngest dev server instead of Inngest Cloud (default: everywhere but production). */
  INNGEST_DEV: optional(booleanFlag),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For. 0 (the default) means
   * clients connect directly, and any X-Forwarded-For they send is ignored.
   */
  TRUSTED_PROXY_HOPS: optional(z.coerce.number().int().min(0).max(10)).default(0),
  /** Days delivery records are kept; never shorter than a delivery can keep retrying. */
  WEBHOOK_RETENTION_DAYS: optional(
    z.coerce
      .number()
      .int()
      .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} days: a delivery keeps retrying for up to ${Math.round(RETRY_HORIZON_MS / 3_600_000)} hours`)
      .max(3650),
  ).default(30),
});

export type Env = z.infer<typeof envSchema> & { AUTH_SECRET: string; ENCRYPTION_KEY: string };

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration (see .env.example):\n${formatIssues(parsed.error)}`);
  }
  const env = parsed.data;
  const missing = (["AUTH_SECRET", "ENCRYPTION_KEY"] as const).filter((name) => !env[name]);
  if (missing.length === 0) return env as Env;
  if (env.NODE_ENV === "production") {
    throw new Error(`Invalid configuration (see .env.example):\n${missing.map((m) => `  - ${m}: required in production`).join("\n")}`);
  }
  const generated = loadDevSecrets(env.DATA_DIR);
  return { ...env, AUTH_SECRET: env.AUTH_SECRET ?? generated.AUTH_SECRET, ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? generated.ENCRYPTION_KEY };
}

let cached: Env | undefined;

/** The validated configuration; the only place that reads process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function allowPrivateWebhookTargets(): boolean {
  const e = env();
  return e.ALLOW_PRIVATE_WEBHOOK_TARGETS ?? e.NODE_ENV !== "production";
}

/**
 * For the Inngest client, which is built when its module loads (also during `next build`), so
 * it cannot wait for the secrets the rest of the configuration requires.
 */
export function inngestIsDev(source: NodeJS.ProcessEnv = process.env): boolean {
  const parsed = envSchema.pick({ NODE_ENV: true, INNGEST_DEV: true }).safeParse(source);
  if (!parsed.success) throw new Error(`Invalid configuration (see .env.example):\n${formatIssues(parsed.error)}`);
  return parsed.data.INNGEST_DEV ?? parsed.data.NODE_ENV !== "production";
}
