/**
 * The page row every lifecycle starts from (draft, published, read): its columns, the one loader
 * that enforces the tenant, and the two datasets a snapshot names.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { notFound } from "~/server/errors";
import { getDataset } from "~/server/catalog";

export const pageColumns = {
  id: publicPages.id,
  slug: publicPages.slug,
  name: publicPages.name,
  template: publicPages.template,
  sourceDatasetId: publicPages.sourceDatasetId,
  targetDatasetId: publicPages.targetDatasetId,
  selectionPolicy: publicPages.selectionPolicyJson,
  devicePolicy: publicPages.devicePolicyJson,
  messaging: publicPages.messagingJson,
  status: publicPages.status,
  revisionId: publicPages.revisionId,
  createdAt: publicPages.createdAt,
  updatedAt: publicPages.updatedAt,
};

export type PageRow = Awaited<ReturnType<typeof loadPage>>;

/**
 * One page of the organization, or NOT_FOUND (also for another tenant's id). `forUpdate` locks
 * the row until the transaction ends: every write that must not interleave with a publish takes it.
 */
export async function loadPage(db: DbOrTx, orgId: string, pageId: number, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select(pageColumns)
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, orgId), eq(publicPages.id, pageId)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound("Page", pageId);
  return row;
}

export type Dataset = Awaited<ReturnType<typeof getDataset>>;

export interface Datasets {
  source: Dataset;
  target: Dataset;
}

/** The source and target datasets a snapshot (or draft) names, at their current versions. */
export async function datasetsOf(db: DbOrTx, orgId: string, snapshot: { sourceDatasetId: number; targetDatasetId: number }): Promise<Datasets> {
  // Sequential: inside a transaction both queries share one connection.
  return {
    source: await getDataset(db, orgId, "source", snapshot.sourceDatasetId),
    target: await getDataset(db, orgId, "target", snapshot.targetDatasetId),
  };
}
