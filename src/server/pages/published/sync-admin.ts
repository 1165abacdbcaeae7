/**
 * `sync.rebuild`: re-sends everything Convex holds for a page from PlanetScale — its display,
 * its option index and every cached result of the current revision and dataset versions.
 * Convex is disposable; this is how it is refilled.
 */
import { and, eq } from "drizzle-orm";
import { compatResults } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest } from "~/server/errors";
import { enqueueSync, kickDrain } from "~/server/sync";
import { loadPage } from "../model";
import { MAX_SYNCED_PAYLOAD_BYTES } from "../read/result-cache";
import { getRevisionRow } from "./revisions";
import { resultDelivery } from "./deliveries";
import { projectPublishedPage } from "./projection";

export async function rebuildPageSync(scope: WriteScope, pageId: number) {
  const counts = await scope.db.transaction(async (tx) => {
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    if (!page.revisionId) throw badRequest("This page is not published; there is nothing to sync", { field: "pageId" });
    const revision = await getRevisionRow(tx, scope.orgId, pageId, page.revisionId);
    const { ds, sets, orgSlug } = await projectPublishedPage(tx, scope.orgId, page, revision, { reuseIndex: true });

    const results = await tx
      .select({
        cacheKey: compatResults.cacheKey,
        kind: compatResults.kind,
        selectionHash: compatResults.selectionHash,
        page: compatResults.pageNum,
        payload: compatResults.payloadJson,
      })
      .from(compatResults)
      .where(
        and(
          eq(compatResults.organizationId, scope.orgId),
          eq(compatResults.pageId, pageId),
          eq(compatResults.revisionId, revision.id),
          eq(compatResults.sourceVersion, ds.source.version),
          eq(compatResults.targetVersion, ds.target.version),
        ),
      );
    let resultsSent = 0;
    for (const r of results) {
      if (Buffer.byteLength(JSON.stringify(r.payload), "utf8") > MAX_SYNCED_PAYLOAD_BYTES) continue;
      const id = { pageId, revisionId: revision.id, sourceVersion: ds.source.version, targetVersion: ds.target.version, kind: r.kind, selectionHash: r.selectionHash, page: r.page };
      await enqueueSync(tx, resultDelivery(scope.orgId, orgSlug, id, r.cacheKey, r.payload));
      resultsSent++;
    }
    await recordAudit(tx, scope, { action: "sync.rebuild", targetType: "page", targetId: pageId, diff: { revision: revision.number, optionSets: sets.length, results: resultsSent } });
    return { revision: revision.number, optionSets: sets.length, results: resultsSent };
  });
  void kickDrain();
  return { pageId, enqueued: 1 + counts.optionSets + counts.results, ...counts };
}
