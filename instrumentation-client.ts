import { config } from "zod/v4/core";

// Runs before any page code. zod otherwise probes `new Function` when its first object schema is
// built, to compile faster parsers; the page's Content-Security-Policy forbids eval (proxy.ts), so
// the probe fails quietly but is reported as a policy violation. The forms' schemas are small.
config({ jitless: true });
