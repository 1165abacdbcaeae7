/**
 * Publishing: the draft becomes an immutable revision, the option index is rebuilt for it, and
 * Convex is told — all in one transaction, so a reader sees the old revision or the complete new
 * one, never a mix.
 */
import { and, eq, max } from "drizzle-orm";
import { pageRevisions, publicPages } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest } from "~/server/errors";
import { getDataset } from "~/server/catalog";
import { validateRule } from "~/server/engine";
import { enqueueSync, kickDrain } from "~/server/sync";
import { loadPage } from "./pages";
import { draftSnapshot, snapshotHash } from "./snapshot";
import { getRevisionRow, type StoredRevision } from "./revisions";
import { rebuildOptionIndex } from "./option-index";
import { optionShardDeliveries, orgSlugOf, pageDisplayDelivery } from "./deliveries";
import { pruneResults } from "./result-cache";

export async function publishPage(scope: WriteScope, pageId: number) {
  const result = await scope.db.transaction(async (tx) => {
    // The row lock orders concurrent publishes of a page: each reads the previous number.
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    const snapshot = await draftSnapshot(tx, scope.orgId, page);
    const source = await getDataset(tx, scope.orgId, "source", snapshot.sourceDatasetId);
    const target = await getDataset(tx, scope.orgId, "target", snapshot.targetDatasetId);

    // Schemas may have changed since a rule was saved: never publish a rule that no longer fits.
    const invalid = snapshot.rules.flatMap((rule) => {
      const check = validateRule(rule.logic, { source: source.schema, target: target.schema });
      return check.ok ? [] : [{ ruleId: rule.id, name: rule.name, errors: check.errors }];
    });
    if (invalid.length > 0) {
      throw badRequest(`Cannot publish: ${invalid.length} rule(s) no longer match the schemas (first: "${invalid[0]!.name}")`, { rules: invalid });
    }

    const [last] = await tx
      .select({ n: max(pageRevisions.number) })
      .from(pageRevisions)
      .where(and(eq(pageRevisions.organizationId, scope.orgId), eq(pageRevisions.pageId, pageId)));
    const number = (last?.n ?? 0) + 1;
    const stored: StoredRevision = { hash: snapshotHash(snapshot), snapshot };
    const [created] = await tx.insert(pageRevisions).values({
      organizationId: scope.orgId,
      pageId,
      number,
      snapshotJson: stored as unknown as Record<string, unknown>,
      publishedBy: scope.actor.id,
    }).$returningId();
    const revisionId = created!.id;
    await tx
      .update(publicPages)
      .set({ revisionId, status: "published" })
      .where(and(eq(publicPages.organizationId, scope.orgId), eq(publicPages.id, pageId)));

    const sets = await rebuildOptionIndex(tx, scope.orgId, pageId, revisionId, source.id, source.version);
    await pruneResults(tx, scope.orgId, pageId, { revisionId, sourceVersion: source.version, targetVersion: target.version });

    const orgSlug = await orgSlugOf(tx, scope.orgId);
    const revision = await getRevisionRow(tx, scope.orgId, pageId, revisionId);
    await enqueueSync(tx, await pageDisplayDelivery(tx, scope.orgId, orgSlug, { ...page, revisionId }, revision));
    for (const d of optionShardDeliveries(scope.orgId, orgSlug, pageId, revisionId, source.version, sets)) await enqueueSync(tx, d);

    await recordAudit(tx, scope, {
      action: "page.publish",
      targetType: "page",
      targetId: pageId,
      diff: { revision: number, revisionId, rules: snapshot.rules.length, overrides: snapshot.overrides.length },
    });
    return { pageId, revision: number, revisionId, publishedAt: revision.createdAt };
  });
  void kickDrain();
  return result;
}
