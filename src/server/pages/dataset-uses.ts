/**
 * Which pages use a dataset — the draft points at it, or the live revision was published with it —
 * so the catalog refuses to delete it (a live page would break: issue 11 item 6). The catalog asks
 * through its hook (`setDatasetUsesFinder`); pages import the catalog, never the other way.
 */
import { eq } from "drizzle-orm";
import { setDatasetUsesFinder, type DatasetUse, type Side } from "~/server/catalog";
import type { DbOrTx } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { getRevisionRow } from "./published/revisions";

export async function pagesUsingDataset(tx: DbOrTx, orgId: string, side: Side, datasetId: number): Promise<DatasetUse[]> {
  // Locking read: a page write that is pointing a draft at this dataset right now is waited for.
  const pages = await tx
    .select({ id: publicPages.id, slug: publicPages.slug, name: publicPages.name, sourceDatasetId: publicPages.sourceDatasetId, targetDatasetId: publicPages.targetDatasetId, revisionId: publicPages.revisionId })
    .from(publicPages)
    .where(eq(publicPages.organizationId, orgId))
    .for("update");
  const uses: DatasetUse[] = [];
  for (const p of pages) {
    const by: DatasetUse["by"] = [];
    if ((side === "source" ? p.sourceDatasetId : p.targetDatasetId) === datasetId) by.push("draft");
    if (p.revisionId !== null) {
      const { snapshot } = await getRevisionRow(tx, orgId, p.id, p.revisionId);
      if ((side === "source" ? snapshot.sourceDatasetId : snapshot.targetDatasetId) === datasetId) by.push("live revision");
    }
    if (by.length > 0) uses.push({ page: { slug: p.slug, name: p.name }, by });
  }
  return uses;
}

export function registerDatasetUsesFinder(): void {
  setDatasetUsesFinder(pagesUsingDataset);
}
