// Runs before any page code. zod otherwise probes `new Function` when its first object schema is
// built, to compile faster parsers; the page's Content-Security-Policy forbids eval (proxy.ts), so
// the probe fails quietly but is reported as a policy violation. zod reads its configuration from
// this global when it loads (what `z.config({ jitless: true })` would set); setting it here instead
// of importing zod keeps zod out of pages that have no form. The forms' schemas are small.
// e2e/auth/session-and-headers.spec.ts fails if the probe comes back.
const zodGlobal = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
