import "server-only";
import { z } from "zod";
import { parsePrivateRanges, type PrivateTargets } from "@/lib/webhooks/address-guard";
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
  /** The public origin; unset, the port the server listens on (`next dev -p 3001` → :3001). */
  APP_URL: optional(z.url()),
  /** Set by Next to the port it listens on. */
  PORT: optional(z.coerce.number().int().min(1).max(65535)),
  /** Lets webhooks target loopback/private addresses (never link-local or cloud metadata). */
  ALLOW_PRIVATE_WEBHOOK_TARGETS: optional(booleanFlag),
  /** With ALLOW_PRIVATE_WEBHOOK_TARGETS, only these CIDRs; required for it in production. */
  PRIVATE_WEBHOOK_TARGET_RANGES: optional(
    z.string().transform((text, ctx) => {
      const parsed = parsePrivateRanges(text);
      if (parsed.ok) return parsed.ranges;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
  ),
  /** smtp://user:password@host:587 (or smtps://…): team invitations are mailed through it. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  /** The From of mailed invitations. */
  MAIL_FROM: optional(z.string()).default("Referwire <no-reply@referwire.invalid>"),
  /** The built-in request inbox (/inbox): on by default everywhere but production. */
  REQUEST_INBOX: optional(booleanFlag),
  /** Seeds the demo account on an empty embedded database at start (development default). */
  SEED_DEMO_ON_EMPTY: optional(booleanFlag),
  /** Inngest dev server instead of Inngest Cloud (default: everywhere but production). */
  INNGEST_DEV: optional(booleanFlag),
  /** Inngest signs its calls to /api/inngest with it (the SDK reads it too); required in production. */
  INNGEST_SIGNING_KEY: optional(z.string()),
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
      .min(
        MIN_RETENTION_DAYS,
        `must be at least ${MIN_RETENTION_DAYS} days: a delivery keeps retrying for up to ${Math.round(RETRY_HORIZON_MS / 3_600_000)} hours`,
      )
      .max(3650),
  ).default(30),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; AUTH_SECRET: string; ENCRYPTION_KEY: string };

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration (see .env.example):\n${formatIssues(parsed.error)}`);
  }
  const env = { ...parsed.data, APP_URL: parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT ?? 3000}` };
  const unsafe = unsafeSettings(env);
  if (unsafe.length > 0)
    throw new Error(`Invalid configuration (see .env.example):\n${unsafe.map((m) => `  - ${m}`).join("\n")}`);
  const missing = (["AUTH_SECRET", "ENCRYPTION_KEY"] as const).filter((name) => !env[name]);
  if (missing.length === 0) return env as Env;
  if (env.NODE_ENV === "production") {
    throw new Error(
      `Invalid configuration (see .env.example):\n${missing.map((m) => `  - ${m}: required in production`).join("\n")}`,
    );
  }
  const generated = loadDevSecrets(env.DATA_DIR);
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? generated.AUTH_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? generated.ENCRYPTION_KEY,
  };
}

/** Settings that parse but would leave production open: private webhook targets, unsigned Inngest calls. */
function unsafeSettings(env: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === "production";
  const allowPrivate = env.ALLOW_PRIVATE_WEBHOOK_TARGETS ?? !production;
  if (production && env.ALLOW_PRIVATE_WEBHOOK_TARGETS && !env.PRIVATE_WEBHOOK_TARGET_RANGES) {
    problems.push(
      "ALLOW_PRIVATE_WEBHOOK_TARGETS: in production, also list the private ranges webhooks may reach in PRIVATE_WEBHOOK_TARGET_RANGES (CIDRs, e.g. 10.0.0.0/8,192.168.1.0/24), or unset it",
    );
  }
  if (env.PRIVATE_WEBHOOK_TARGET_RANGES && !allowPrivate) {
    problems.push(
      "PRIVATE_WEBHOOK_TARGET_RANGES: takes effect only with ALLOW_PRIVATE_WEBHOOK_TARGETS=true; set that too, or unset the ranges",
    );
  }
  if (production && !(env.INNGEST_DEV ?? false) && !env.INNGEST_SIGNING_KEY) {
    problems.push(
      "INNGEST_SIGNING_KEY: required in production, so that /api/inngest only runs requests Inngest signed (copy it from the Inngest dashboard)",
    );
  }
  return problems;
}

let cached: Env | undefined;

/** The validated configuration; the only place that reads process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether webhooks may target any private network at all (which also permits http:// URLs). */
export function allowPrivateWebhookTargets(): boolean {
  const e = env();
  return e.ALLOW_PRIVATE_WEBHOOK_TARGETS ?? e.NODE_ENV !== "production";
}

/** Whether the request inbox receives and shows requests (off in production unless REQUEST_INBOX=true). */
export function requestInboxEnabled(): boolean {
  const e = env();
  return e.REQUEST_INBOX ?? e.NODE_ENV !== "production";
}

/** For the address guard: no private targets, all of them (development), or the listed ranges. */
export function privateWebhookTargets(): PrivateTargets {
  return allowPrivateWebhookTargets() ? (env().PRIVATE_WEBHOOK_TARGET_RANGES ?? true) : false;
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
