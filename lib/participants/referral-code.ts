import { randomInt } from "node:crypto";

// No 0/o, 1/l/i: codes get read aloud and typed from screenshots.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const LENGTH = 12; // 31^12 ≈ 2^59: unguessable, and collisions are retried anyway

export function newReferralCode(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Codes are compared case-insensitively: people retype them. */
export const normalizeReferralCode = (code: string) => code.trim().toLowerCase();
