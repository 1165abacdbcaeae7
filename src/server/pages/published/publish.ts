/**
 * Publishing: the draft becomes an immutable revision, the option index is rebuilt for it, and
 * Convex is told — all in one transaction, so a reader sees the old revision or the complete new
 * one, never a mix.
 */
import { and, eq, max } from "drizzle-orm";
import { pageRevisions, publicPages } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest } from "~/server/errors";
import { validateRule } from "~/server/engine";
import { kickDrain } from "~/server/sync";
import { recordVerdictChange } from "~/server/changes";
import { kickWebhooks } from "~/server/webhooks";
import { datasetsOf, loadPage } from "../model";
import { draftSnapshot, snapshotHash } from "../draft/snapshot";
import { getRevisionRow, type StoredRevision } from "./revisions";
import { projectPublishedPage } from "./projection";

export async function publishPage(scope: WriteScope, pageId: number, opts: { note?: string | null } = {}) {
  const result = await scope.db.transaction(async (tx) => {
    // The row lock orders concurrent publishes of a page: each reads the previous number.
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    const snapshot = await draftSnapshot(tx, scope.orgId, page);
    const { source, target } = await datasetsOf(tx, scope.orgId, snapshot);

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
      note: opts.note ?? null,
    }).$returningId();
    const revisionId = created!.id;
    await tx
      .update(publicPages)
      .set({ revisionId, status: "published" })
      .where(and(eq(publicPages.organizationId, scope.orgId), eq(publicPages.id, pageId)));
    const revision = await getRevisionRow(tx, scope.orgId, pageId, revisionId);
    await projectPublishedPage(tx, scope.orgId, page, revision);
    // The changelog entry and the page.published / verdict.changed events (docs/changes.md).
    const { diff } = await recordVerdictChange(tx, scope.orgId, page, { id: revisionId, number, snapshot }, "publish", { note: opts.note, alwaysRecord: true });

    await recordAudit(tx, scope, {
      action: "page.publish",
      targetType: "page",
      targetId: pageId,
      diff: { revision: number, revisionId, rules: snapshot.rules.length, overrides: snapshot.overrides.length },
    });
    return { pageId, revision: number, revisionId, publishedAt: revision.createdAt, verdicts: { changed: diff.changed, better: diff.better, worse: diff.worse } };
  });
  void kickDrain();
  void kickWebhooks();
  return result;
}
