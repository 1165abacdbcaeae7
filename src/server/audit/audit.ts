import type { Db, DbOrTx } from "~/server/db/client";
import { auditLog } from "~/server/db/schema";
import type { Actor } from "~/server/auth/types";

/** Everything a domain write needs besides its input: where, who, and which request. */
export interface WriteScope {
  db: Db;
  orgId: string;
  actor: Actor;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  diff?: unknown;
}

/**
 * Appends one audit line. Call it with the transaction of the write it describes, so the log
 * never claims a change that rolled back.
 */
export async function recordAudit(db: DbOrTx, scope: Omit<WriteScope, "db">, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    organizationId: scope.orgId,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
    diffJson: entry.diff === undefined ? null : entry.diff,
    requestId: scope.requestId,
  });
}

/** Field-by-field before/after of the keys that changed. */
export function diffOf<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[k];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from, to };
  }
  return out;
}
