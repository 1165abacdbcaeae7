/**
 * `compat_results`: a read-through cache of result pages in PlanetScale, mirrored to Convex.
 * The key names everything a result depends on, so a stale result is never served: it simply
 * stops being asked for when a revision or dataset version moves.
 */
import { and, eq, ne, or } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { compatResults } from "~/server/db/schema";
import { affectedRows } from "~/server/db/results";
import { sha256Hex } from "~/server/catalog/hash";
import { enqueueSync, kickDrain } from "~/server/sync";
import { log } from "~/server/log";
import { orgSlugOf } from "~/server/org/orgs";
import { finderSelectionText, matrixSelectionText, resultKeyText, type ResultIdentity } from "~/lib/result-key";
import { resultDelivery } from "../published/deliveries";

export type { ResultIdentity };

/** Convex documents are limited to 1 MiB; leave room for the envelope. */
export const MAX_SYNCED_PAYLOAD_BYTES = 900 * 1024;

/** A Finder selection's hash (src/lib/result-key.ts). */
export const finderSelectionHash = (path: readonly string[]) => sha256Hex(finderSelectionText(path));

/** A Matrix slice's hash (src/lib/result-key.ts). */
export const matrixSelectionHash = (rowOffset: number, rowLimit: number) => sha256Hex(matrixSelectionText(rowOffset, rowLimit));

/** The key a result is stored, synced and served (ETag) under; its text is in src/lib/result-key.ts. */
export function resultCacheKey(id: ResultIdentity): string {
  return sha256Hex(resultKeyText(id));
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
