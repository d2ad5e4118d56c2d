import { hash, randomBytes } from "node:crypto";

/** A recognisable prefix, so a leaked token is easy to spot in logs and by secret scanners. */
export const INBOUND_TOKEN_PREFIX = "rwin_";
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^rwin_[A-Za-z0-9_-]{43}$/;

export function newInboundToken(): string {
  return INBOUND_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
}

/** What the database stores and looks up: the token itself is never kept in plain text. */
export const hashInboundToken = (token: string) => hash("sha256", token, "hex");

/** Rejects garbage paths before they cost a database round trip. */
export const isWellFormedInboundToken = (token: string) => TOKEN_PATTERN.test(token);

export const inboundTokenHint = (token: string) => token.slice(-4);
