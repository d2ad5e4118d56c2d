import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, type ApiKey } from "@/db/schema";
import { ownedBy, type TeamContext } from "@/db/scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { ok, type Result } from "@/lib/errors/result";

const KEY_PREFIX = "rw_live_";
/** How much of a key stays visible after it is shown once: enough to recognise it. */
const VISIBLE_CHARS = KEY_PREFIX.length + 4;

export type ApiKeyView = Pick<ApiKey, "id" | "prefix" | "createdAt" | "lastUsedAt">;

const hashKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** The team's active key, without its secret part. */
export async function getActiveApiKey({ db, teamId }: TeamContext): Promise<ApiKeyView | null> {
  const [key] = await db
    .select({ id: apiKeys.id, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(ownedBy(apiKeys, teamId, isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt))
    .limit(1);
  return key ?? null;
}

/**
 * Creates a new key and revokes any previous one in the same transaction. The full key is
 * returned this once; only its SHA-256 hash is stored.
 */
export async function generateApiKey({ db, teamId }: TeamContext): Promise<Result<ApiKeyView & { key: string }>> {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const created = await db.transaction(async (tx) => {
    const replaced = await revokeActive(tx, teamId);
    const [row] = await tx
      .insert(apiKeys)
      .values({ teamId, prefix: key.slice(0, VISIBLE_CHARS), keyHash: hashKey(key) })
      .returning({
        id: apiKeys.id,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
      });
    await recordAudit(tx, teamId, {
      action: "api_key.generated",
      subject: keySubject(row!),
      details: replaced.length ? { replaced: replaced.map((k) => `${k.prefix}…`) } : {},
    });
    return row!;
  });
  return ok({ ...created, key });
}

export async function revokeApiKey({ db, teamId }: TeamContext): Promise<Result<{ revoked: number }>> {
  const revoked = await db.transaction(async (tx) => {
    const rows = await revokeActive(tx, teamId);
    for (const row of rows) await recordAudit(tx, teamId, { action: "api_key.revoked", subject: keySubject(row) });
    return rows;
  });
  return ok({ revoked: revoked.length });
}

const revokeActive = (db: Db, teamId: string) =>
  db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(ownedBy(apiKeys, teamId, isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });

/** A key is named by its visible prefix, as the Integrations page shows it; never by its secret part. */
const keySubject = (key: { id: string; prefix: string }) => ({ type: "api_key", id: key.id, label: `${key.prefix}…` });

/** For the REST API: the team a bearer key belongs to (hash lookup, so timing reveals nothing). */
export async function authenticateApiKey(
  db: Db,
  key: string,
): Promise<{ id: string; teamId: string; prefix: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, teamId: apiKeys.teamId, prefix: apiKeys.prefix });
  return row ?? null;
}
