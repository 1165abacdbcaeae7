/**
 * Keeps published pages in step with their datasets. When an import changes a dataset, every
 * published page whose current revision reads it is re-projected (`projection.ts`): option index
 * rebuilt for the new source version, a fresh display (carrying the new versions) sent to Convex.
 * Cached results need no purge: their key holds the dataset versions, so old ones are simply
 * never asked for (the projection prunes them to keep the table small).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { onDatasetChanged, onDatasetVersionChanging, type DatasetChange } from "~/server/catalog";
import { kickDrain } from "~/server/sync";
import { loadPage } from "../model";
import { getRevisionRow } from "./revisions";
import { projectPublishedPage } from "./projection";
import { publishedChanged } from "./held-records";

type VersionChange = Omit<DatasetChange, "db">;

/** Published pages of the organization whose current revision reads the dataset. */
async function pagesReading(db: DbOrTx, change: VersionChange): Promise<number[]> {
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

/** Inside the import's transaction: the new version becomes public together with its projection. */
export async function projectDatasetChange(tx: DbOrTx, change: VersionChange): Promise<void> {
  for (const pageId of await pagesReading(tx, change)) {
    const page = await loadPage(tx, change.orgId, pageId, { forUpdate: true });
    await projectPublishedPage(tx, change.orgId, page, await getRevisionRow(tx, change.orgId, pageId, page.revisionId!));
  }
}

/** After the commit: deliver what the projection enqueued, and drop this process's pointers. */
function afterDatasetChange(change: DatasetChange): void {
  publishedChanged(change.orgId);
  void kickDrain();
}

let registered = false;

/** Subscribes once per module instance (the catalog's listener sets live beside it). */
export function registerDatasetListener(): void {
  if (registered) return;
  registered = true;
  onDatasetVersionChanging(projectDatasetChange);
  onDatasetChanged(afterDatasetChange);
}
