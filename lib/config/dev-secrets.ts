import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type DevSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string };

/**
 * Development convenience: secrets that are not configured are generated once and kept in
 * DATA_DIR/dev-secrets.json, so `npm run dev` works on a bare machine and sessions and
 * encrypted values survive restarts. Production refuses to start without them instead.
 */
export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = path.resolve(dataDir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  console.warn(`[referwire] AUTH_SECRET/ENCRYPTION_KEY not set: generated development secrets in ${file}`);
  return secrets;
}
