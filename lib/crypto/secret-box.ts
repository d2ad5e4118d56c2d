import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/config/env";

const VERSION = "v1";
const IV_BYTES = 12; // GCM's recommended nonce size
const TAG_BYTES = 16;

export type SecretBoxOptions = {
  /**
   * Binds the ciphertext to where it is stored (e.g. a campaign id): a value copied into
   * another row will not decrypt there.
   */
  context?: string;
  /** 32 bytes; defaults to ENCRYPTION_KEY. */
  key?: Buffer;
};

const keyOf = (options: SecretBoxOptions) => options.key ?? Buffer.from(env().ENCRYPTION_KEY, "base64");

/**
 * AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. The version prefix leaves room to
 * change key or algorithm later without guessing what an old value is.
 */
export function encryptSecret(plaintext: string, options: SecretBoxOptions = {}): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(options), iv);
  if (options.context !== undefined) cipher.setAAD(Buffer.from(options.context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(".");
}

/** Throws when the value was tampered with, or the key or context differ. */
export function decryptSecret(sealed: string, options: SecretBoxOptions = {}): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new Error("Not a sealed secret");
  }
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error("Not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(options), ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tagBytes);
  if (options.context !== undefined) decipher.setAAD(Buffer.from(options.context, "utf8"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
