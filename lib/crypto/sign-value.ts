import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/config/env";

const keys = new Map<string, Buffer>();

/**
 * One HMAC key per purpose, derived from AUTH_SECRET (HKDF-SHA256), so a value signed for one
 * use (a cookie, say) is never accepted for another, and no second secret has to be configured.
 */
function keyFor(purpose: string): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", `referwire:${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}

const macOf = (payload: string, purpose: string) => createHmac("sha256", keyFor(purpose)).update(payload).digest();

/** `<payload in base64url>.<HMAC-SHA256 in base64url>`: readable by anyone, forgeable by no one. */
export function signValue(value: string, purpose: string): string {
  const payload = Buffer.from(value, "utf8").toString("base64url");
  return `${payload}.${macOf(payload, purpose).toString("base64url")}`;
}

/** The value that was signed for this purpose, or null for anything altered, forged or malformed. */
export function verifySignedValue(signed: string, purpose: string): string | null {
  const [payload, mac, ...rest] = signed.split(".");
  if (payload === undefined || !mac || rest.length > 0) return null;
  const expected = macOf(payload, purpose);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(payload, "base64url").toString("utf8");
}
