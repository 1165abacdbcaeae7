/**
 * The name of a cached public answer (docs/pages.md#result-cache), shared by the server (`compat_results`, ETags)
 * and the browser's Convex reader (src/lib/convex-read.ts). Both hash the same texts with SHA-256
 * (node:crypto on the server, WebCrypto in the browser), so this module holds only the texts:
 *
 *   selectionHash = sha256(JSON.stringify(path))                      Finder
 *                 = sha256(JSON.stringify(["matrix", offset, limit]))   Matrix slice
 *   cacheKey      = sha256(JSON.stringify([pageId, revisionId, sourceVersion, targetVersion, kind, selectionHash, page]))
 *   parentHash    = sha256(JSON.stringify(pathAbove))                 options of one level
 *
 * The key names everything an answer depends on — revision and both dataset versions — which is
 * why no cache of it ever needs purging and why a stale answer cannot be served.
 */

export interface ResultIdentity {
  pageId: number;
  revisionId: number;
  sourceVersion: number;
  targetVersion: number;
  kind: "finder" | "matrix";
  selectionHash: string;
  page: number;
}

/** What a Finder selection's hash is taken of: the path as chosen. */
export const finderSelectionText = (path: readonly string[]): string => JSON.stringify(path);

/** What a Matrix slice's hash is taken of: the requested rows. */
export const matrixSelectionText = (rowOffset: number, rowLimit: number): string => JSON.stringify(["matrix", rowOffset, rowLimit]);

/** Matrix slices are numbered as pages: floor(offset / limit) + 1. */
export const matrixPageOf = (rowOffset: number, rowLimit: number): number => Math.floor(rowOffset / rowLimit) + 1;

/** What a result's cache key is the hash of. */
export function resultKeyText(id: ResultIdentity): string {
  return JSON.stringify([id.pageId, id.revisionId, id.sourceVersion, id.targetVersion, id.kind, id.selectionHash, id.page]);
}

/** What an option set's parent hash is taken of: the values chosen above the level. */
export const optionParentText = (pathAbove: readonly string[]): string => JSON.stringify(pathAbove);
