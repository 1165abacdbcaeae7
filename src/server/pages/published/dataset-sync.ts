/**
 * Keeps published pages in step with their datasets. When an import changes a dataset, every
 * published page whose current revision reads it is re-projected (`projection.ts`): option index
 * rebuilt for the new source version, a fresh display (carrying the new versions) sent to Convex.
 * Cached results need no purge: their key holds the dataset versions, so old ones are simply
 * never asked for (the projection prunes them to keep the table small).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { onDatasetChanged, type DatasetChange } from "~/server/catalog";
import { getRevisionRow } from "./revisions";
import { refreshPublishedPage } from "./projection";

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
