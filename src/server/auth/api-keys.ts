import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { apiKeys } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { notFound } from "~/server/errors";
import { getOrgById } from "~/server/org/orgs";
import type { Session } from "./types";

const KEY_PREFIX = "cpk_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new secret: `cpk_` + 32 random bytes, base64url. Only its hash is stored. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** Stores a new key for the organization and returns the plain key — the only time it is visible. */
export async function createApiKey(scope: WriteScope, name: string) {
  const key = generateApiKey();
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        organizationId: scope.orgId,
        name,
        prefix: key.slice(0, 12),
        keyHash: hashApiKey(key),
        createdBy: scope.actor.id,
      })
      .$returningId();
    const id = row!.id;
    await recordAudit(tx, scope, { action: "apiKey.create", targetType: "api_key", targetId: id, diff: { name } });
    return { id, name, prefix: key.slice(0, 12), key };
  });
}

export async function listApiKeys(db: Db, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, orgId))
    .orderBy(desc(apiKeys.id));
}

export async function revokeApiKey(scope: WriteScope, id: number) {
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, scope.orgId), eq(apiKeys.id, id)))
      .limit(1);
    if (!row) throw notFound("API key", id);
    if (!row.revokedAt) {
      await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.organizationId, scope.orgId), eq(apiKeys.id, id)));
      await recordAudit(tx, scope, { action: "apiKey.revoke", targetType: "api_key", targetId: id });
    }
    return { id, revoked: true as const };
  });
}

/**
 * Resolves `Authorization: Bearer cpk_…` to a session acting as admin of the key's organization.
 * Unknown and revoked keys resolve to null (the caller answers UNAUTHORIZED).
 */
export async function authenticateApiKey(db: Db, key: string): Promise<Session | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, organizationId: apiKeys.organizationId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const org = await getOrgById(db, row.organizationId);
  if (!org) return null;
  // Writing on every call would make each script request a write; a minute's precision is enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(and(eq(apiKeys.organizationId, row.organizationId), eq(apiKeys.id, row.id)));
  }
  return { org, role: "admin", actor: { type: "api_key", id: String(row.id), name: row.name }, via: "api_key" };
}
