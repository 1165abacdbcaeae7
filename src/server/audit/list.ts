import { and, desc, eq } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { auditLog } from "~/server/db/schema";
import { beforeCursor, newestFirstPage } from "~/server/db/paging";
import { actorKey, actorLabels, nameInDiff, targetLabels } from "./names";

/**
 * The organization's audit log, newest first, with people and targets named (names.ts). Reading
 * the log is its own module: names are looked up through the modules that own them, which all
 * write the log through audit.ts.
 */
export async function listAudit(db: Db, orgId: string, opts: { limit: number; cursor?: number }) {
  const rows = await db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      diff: auditLog.diffJson,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, orgId), beforeCursor(auditLog.id, opts.cursor)))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit + 1);
  const page = newestFirstPage(rows, opts.limit);
  // Ids are what the log keeps (names change); people read names: "ada@example.com", "Pricing finder".
  const actors = await actorLabels(db, orgId, page.items);
  const targets = await targetLabels(db, orgId, page.items);
  return {
    ...page,
    items: page.items.map((e) => ({
      ...e,
      actorLabel: e.actorType === "system" ? "system" : (actors.get(actorKey(e)) ?? e.actorId),
      targetLabel: e.targetId ? (targets.get(`${e.targetType}:${e.targetId}`) ?? nameInDiff(e.diff)) : null,
    })),
  };
}
