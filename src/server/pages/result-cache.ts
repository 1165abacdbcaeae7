/**
 * `compat_results`: a read-through cache of result pages in PlanetScale, mirrored to Convex.
 * The key names everything a result depends on, so a stale result is never served: it simply
 * stops being asked for when a revision or dataset version moves.
 */
import { createHash } from "node:crypto";
import { and, eq, ne, or } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { compatResults } from "~/server/db/schema";
import { enqueueSync, kickDrain } from "~/server/sync";
import { log } from "~/server/log";
import { orgSlugOf } from "./deliveries";
import { affectedRows } from "~/server/db/results";

/** Convex documents are limited to 1 MiB; leave room for the envelope. */
export const MAX_SYNCED_PAYLOAD_BYTES = 900 * 1024;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A Finder selection: the path as chosen. */
export const finderSelectionHash = (path: readonly string[]) => sha256(JSON.stringify(path));

/** A Matrix slice: the requested rows. */
export const matrixSelectionHash = (rowOffset: number, rowLimit: number) => sha256(JSON.stringify(["matrix", rowOffset, rowLimit]));

export interface ResultIdentity {
  pageId: number;
  revisionId: number;
  sourceVersion: number;
  targetVersion: number;
  kind: "finder" | "matrix";
  selectionHash: string;
  page: number;
}

/**
 * sha256 of the JSON array `[pageId, revisionId, sourceVersion, targetVersion, kind,
 * selectionHash, page]` — documented in docs/pages.md so a Convex reader can compute it too.
 */
export function resultCacheKey(id: ResultIdentity): string {
  return sha256(JSON.stringify([id.pageId, id.revisionId, id.sourceVersion, id.targetVersion, id.kind, id.selectionHash, id.page]));
}

export async function readCachedResult(db: DbOrTx, orgId: string, cacheKey: string): Promise<unknown> {
  const [row] = await db
    .select({ payload: compatResults.payloadJson })
    .from(compatResults)
    .where(and(eq(compatResults.organizationId, orgId), eq(compatResults.cacheKey, cacheKey)))
    .limit(1);
  return row ? row.payload : undefined;
}

/**
 * Returns the cached payload, or computes, stores and syncs it. Two concurrent misses both
 * compute; the unique key keeps one row and only the inserting request enqueues the sync.
 */
export async function readThrough<T>(db: Db, orgId: string, id: ResultIdentity, compute: () => Promise<T>): Promise<T> {
  const cacheKey = resultCacheKey(id);
  const hit = await readCachedResult(db, orgId, cacheKey);
  if (hit !== undefined) return hit as T;
  const payload = await compute();
  const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
  const inserted = await db.transaction(async (tx) => {
    const res = await tx
      .insert(compatResults)
      .ignore()
      .values({
        organizationId: orgId,
        pageId: id.pageId,
        revisionId: id.revisionId,
        cacheKey,
        selectionHash: id.selectionHash,
        pageNum: id.page,
        kind: id.kind,
        sourceVersion: id.sourceVersion,
        targetVersion: id.targetVersion,
        payloadJson: payload,
      });
    const fresh = affectedRows(res) === 1;
    // The org slug is read only here, on a fresh miss: cache hits stay at one query.
    if (fresh && bytes <= MAX_SYNCED_PAYLOAD_BYTES) await enqueueSync(tx, resultDelivery(orgId, await orgSlugOf(tx, orgId), id, cacheKey, payload));
    return fresh;
  });
  if (bytes > MAX_SYNCED_PAYLOAD_BYTES) {
    // Still served from PlanetScale; the Convex reader falls back to tRPC for it.
    log("warn", "result payload too large for Convex; kept in PlanetScale only", { org: orgId, page: id.pageId, bytes });
  }
  if (inserted) void kickDrain();
  return payload;
}

export function resultDelivery(orgId: string, orgSlug: string, id: ResultIdentity, cacheKey: string, payload: unknown) {
  return {
    kind: "result-cache" as const,
    organizationId: orgId,
    orgSlug,
    pageId: String(id.pageId),
    revisionId: id.revisionId,
    data: {
      cacheKey,
      kind: id.kind,
      selectionHash: id.selectionHash,
      page: id.page,
      sourceVersion: id.sourceVersion,
      targetVersion: id.targetVersion,
      payload,
    },
  };
}

/** Drops results no current reader can ask for (older revisions or dataset versions). */
export async function pruneResults(tx: DbOrTx, orgId: string, pageId: number, keep: { revisionId: number; sourceVersion: number; targetVersion: number }) {
  await tx
    .delete(compatResults)
    .where(
      and(
        eq(compatResults.organizationId, orgId),
        eq(compatResults.pageId, pageId),
        or(ne(compatResults.revisionId, keep.revisionId), ne(compatResults.sourceVersion, keep.sourceVersion), ne(compatResults.targetVersion, keep.targetVersion)),
      ),
    );
}
