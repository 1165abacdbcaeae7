/**
 * Keeps published pages in step with their datasets. When an import changes a dataset, every
 * published page whose current revision reads it gets its option index rebuilt for the new
 * source version and a fresh display (carrying the new versions) sent to Convex. Cached results
 * need no purge: their key holds the dataset versions, so old ones are simply never asked for
 * (they are pruned here to keep the table small).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { getDataset, onDatasetChanged, type DatasetChange } from "~/server/catalog";
import { enqueueSync, kickDrain } from "~/server/sync";
import { loadPage } from "./pages";
import { getRevisionRow } from "./revisions";
import { hasOptionIndex, rebuildOptionIndex } from "./option-index";
import { optionShardDeliveries, orgSlugOf, pageDisplayDelivery } from "./deliveries";
import { pruneResults } from "./result-cache";

/**
 * Brings one published page's derived data to its datasets' current versions: option index,
 * Convex display and option shards. With `onlyIfMissing`, does nothing when the index exists.
 */
export async function refreshPublishedPage(db: Db, orgId: string, pageId: number, opts: { onlyIfMissing?: boolean } = {}): Promise<boolean> {
  const refreshed = await db.transaction(async (tx) => {
    const page = await loadPage(tx, orgId, pageId, { forUpdate: true });
    if (!page.revisionId) return false;
    const revision = await getRevisionRow(tx, orgId, pageId, page.revisionId);
    const source = await getDataset(tx, orgId, "source", revision.snapshot.sourceDatasetId);
    const target = await getDataset(tx, orgId, "target", revision.snapshot.targetDatasetId);
    if (opts.onlyIfMissing && (await hasOptionIndex(tx, orgId, pageId, revision.id, source.version))) return false;
    const sets = await rebuildOptionIndex(tx, orgId, pageId, revision.id, source.id, source.version);
    await pruneResults(tx, orgId, pageId, { revisionId: revision.id, sourceVersion: source.version, targetVersion: target.version });
    const orgSlug = await orgSlugOf(tx, orgId);
    await enqueueSync(tx, await pageDisplayDelivery(tx, orgId, orgSlug, page, revision));
    for (const d of optionShardDeliveries(orgId, orgSlug, pageId, revision.id, source.version, sets)) await enqueueSync(tx, d);
    return true;
  });
  if (refreshed) void kickDrain();
  return refreshed;
}

/** Published pages of the organization whose current revision reads the dataset. */
async function pagesReading(db: Db, change: DatasetChange): Promise<number[]> {
  const pages = await db
    .select({ id: publicPages.id, revisionId: publicPages.revisionId })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, change.orgId), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)));
  const ids: number[] = [];
  for (const p of pages) {
    const rev = await getRevisionRow(db, change.orgId, p.id, p.revisionId!);
    const used = change.side === "source" ? rev.snapshot.sourceDatasetId : rev.snapshot.targetDatasetId;
    if (used === change.datasetId) ids.push(p.id);
  }
  return ids;
}

export async function handleDatasetChanged(change: DatasetChange): Promise<void> {
  for (const pageId of await pagesReading(change.db, change)) {
    await refreshPublishedPage(change.db, change.orgId, pageId);
  }
}

let registered = false;

/** Subscribes once per module instance (the catalog's listener set lives beside it). */
export function registerDatasetListener(): void {
  if (registered) return;
  registered = true;
  onDatasetChanged(handleDatasetChanged);
}
