/**
 * Evaluation entry points shared by the admin procedures (`pages.evaluate/check/matrix`) and the
 * public ones: the draft is computed on the fly; a published revision goes through the result
 * cache, keyed by revision and dataset versions.
 */
import type { Db, DbOrTx } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import { Lru } from "~/server/lru";
import { matrixPageOf } from "~/lib/result-key";
import { datasetsOf, loadPage, type Datasets } from "../model";
import { draftSnapshot, snapshotHash } from "../draft/snapshot";
import { getRevisionRow, type RevisionRow } from "../published/revisions";
import { computeFinderPage, computeMatrixSlice, computePair, type FinderResult, type MatrixResult, type PageSpec } from "./compute";
import { finderSelectionHash, matrixSelectionHash, readThrough } from "./result-cache";

interface PageRef {
  id: number;
  revisionId: number | null;
}

export async function draftSpec(db: DbOrTx, orgId: string, page: Parameters<typeof draftSnapshot>[2]): Promise<PageSpec> {
  const snapshot = await draftSnapshot(db, orgId, page);
  return { pageId: page.id, revisionId: null, compileKey: `draft:${snapshotHash(snapshot)}`, snapshot };
}

/** Revision rows are immutable and ids never reused, so public reads need not re-read their snapshots. */
const revisionCache = new Lru<RevisionRow>(512);

export async function publishedSpec(db: DbOrTx, orgId: string, page: PageRef): Promise<PageSpec & { revisionId: number; revisionNumber: number }> {
  if (!page.revisionId) throw badRequest("This page has not been published yet; evaluate the draft instead", { field: "draft" });
  const key = `${orgId}:${page.id}:${page.revisionId}`;
  let rev = revisionCache.get(key);
  if (!rev) {
    rev = await getRevisionRow(db, orgId, page.id, page.revisionId);
    revisionCache.set(key, rev);
  }
  return { pageId: page.id, revisionId: rev.id, revisionNumber: rev.number, compileKey: `rev:${rev.id}`, snapshot: rev.snapshot };
}

/** One cached page of a published revision: the cache key names the revision and dataset versions. */
async function readPublished<T>(
  db: Db,
  orgId: string,
  page: PageRef,
  kind: "finder" | "matrix",
  selection: { hash: string; page: number },
  compute: (spec: PageSpec, ds: Datasets) => Promise<T>,
): Promise<T> {
  const spec = await publishedSpec(db, orgId, page);
  const ds = await datasetsOf(db, orgId, spec.snapshot);
  const identity = {
    pageId: page.id,
    revisionId: spec.revisionId,
    sourceVersion: ds.source.version,
    targetVersion: ds.target.version,
    kind,
    selectionHash: selection.hash,
    page: selection.page,
  };
  return readThrough(db, orgId, identity, () => compute(spec, ds));
}

/** Finder result of a published revision, read through `compat_results`. */
export function publishedFinderPage(db: Db, orgId: string, page: PageRef, path: string[], pageNum: number): Promise<FinderResult> {
  return readPublished(db, orgId, page, "finder", { hash: finderSelectionHash(path), page: pageNum }, (spec, ds) =>
    computeFinderPage(db, orgId, spec, ds, path, pageNum),
  );
}

/** Matrix slice of a published revision, read through `compat_results`. */
export function publishedMatrixSlice(db: Db, orgId: string, page: PageRef, rowOffset: number, rowLimit: number): Promise<MatrixResult> {
  const selection = { hash: matrixSelectionHash(rowOffset, rowLimit), page: matrixPageOf(rowOffset, rowLimit) };
  return readPublished(db, orgId, page, "matrix", selection, (spec, ds) => computeMatrixSlice(db, orgId, spec, ds, rowOffset, rowLimit));
}

/** `pages.evaluate`: the draft by default, or the published revision (cached) with `draft: false`. */
export async function evaluatePage(db: Db, orgId: string, pageId: number, input: { path: string[]; page: number; draft: boolean }): Promise<FinderResult> {
  const page = await loadPage(db, orgId, pageId);
  if (!input.draft) return publishedFinderPage(db, orgId, page, input.path, input.page);
  const spec = await draftSpec(db, orgId, page);
  return computeFinderPage(db, orgId, spec, await datasetsOf(db, orgId, spec.snapshot), input.path, input.page);
}

/** `pages.matrix`: a slice of rows of the draft's or the published revision's matrix. */
export async function matrixOfPage(db: Db, orgId: string, pageId: number, input: { rowOffset: number; rowLimit: number; draft: boolean }): Promise<MatrixResult> {
  const page = await loadPage(db, orgId, pageId);
  if (!input.draft) return publishedMatrixSlice(db, orgId, page, input.rowOffset, input.rowLimit);
  const spec = await draftSpec(db, orgId, page);
  return computeMatrixSlice(db, orgId, spec, await datasetsOf(db, orgId, spec.snapshot), input.rowOffset, input.rowLimit);
}

/** `pages.check`: one pair of the draft with its full breakdown. */
export async function checkPagePair(db: Db, orgId: string, pageId: number, input: { sourceKey: string; targetKey: string; draft: boolean }) {
  const page = await loadPage(db, orgId, pageId);
  const spec = input.draft ? await draftSpec(db, orgId, page) : await publishedSpec(db, orgId, page);
  return computePair(db, orgId, spec, await datasetsOf(db, orgId, spec.snapshot), input.sourceKey, input.targetKey);
}
