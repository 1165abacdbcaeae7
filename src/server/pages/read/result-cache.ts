/**
 * `compat_results`: a read-through cache of result pages in PlanetScale, mirrored to Convex.
 * The key names everything a result depends on, so a stale result is never served: it simply
 * stops being asked for when a revision or dataset version moves.
 */
import { and, eq, ne, or, sql } from "drizzle-orm";
import { env } from "~/env";
import type { Db, DbOrTx } from "~/server/db/client";
import { compatResults } from "~/server/db/schema";
import { affectedRows } from "~/server/db/results";
import { toJsonText } from "~/server/db/json-column";
import { Lru } from "~/server/lru";
import { processWide } from "~/server/held";
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

/**
 * Serialised answers held in process, by organization and key. Safe without expiry or purge: a key
 * names everything its answer depends on, so an entry is never wrong, only no longer asked for.
 */
const heldAnswers = processWide("pages.answers", () => new Lru<string>(env.PUBLIC_ANSWER_CACHE_BYTES));

/** An answer as served: its JSON text and the key that names it (the ETag's source). */
export interface StoredAnswer {
  key: string;
  body: string;
}

/** The held answer of `key`, or the one `load` produces (held for next time); `load` may return null (not held). */
export async function heldAnswer(orgId: string, key: string, load: () => Promise<string | null>): Promise<StoredAnswer | null> {
  const id = `${orgId}\u0000${key}`;
  const held = heldAnswers.get(id);
  if (held !== undefined) return { key, body: held };
  const body = await load();
  if (body === null) return null;
  heldAnswers.set(id, body, Buffer.byteLength(body, "utf8"));
  return { key, body };
}

/** The stored JSON text of a cached result, as the database holds it (never parsed here). */
async function readCachedText(db: DbOrTx, orgId: string, cacheKey: string): Promise<string | null> {
  const [row] = await db
    .select({ text: sql<string>`CAST(${compatResults.payloadJson} AS CHAR)` })
    .from(compatResults)
    .where(and(eq(compatResults.organizationId, orgId), eq(compatResults.cacheKey, cacheKey)))
    .limit(1);
  return row ? String(row.text) : null;
}

/**
 * The cached answer's bytes, or computes, stores and syncs it. Serialised once, when computed;
 * after that it is text from the database or from this process. Two concurrent misses both
 * compute; the unique key keeps one row and only the inserting request enqueues the sync.
 */
export async function readThroughBytes(db: Db, orgId: string, id: ResultIdentity, compute: () => Promise<unknown>): Promise<StoredAnswer> {
  const cacheKey = resultCacheKey(id);
  const answer = await heldAnswer(orgId, cacheKey, async () => (await readCachedText(db, orgId, cacheKey)) ?? (await computeAndStore(db, orgId, id, cacheKey, compute)));
  return answer!;
}

async function computeAndStore(db: Db, orgId: string, id: ResultIdentity, cacheKey: string, compute: () => Promise<unknown>): Promise<string> {
  const payload = await compute();
  const body = toJsonText(payload);
  const bytes = Buffer.byteLength(body, "utf8");
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
    if (fresh && bytes <= MAX_SYNCED_PAYLOAD_BYTES) await enqueueSync(tx, resultDelivery(orgId, await orgSlugOf(tx, orgId), id, cacheKey, payload));
    return fresh;
  });
  if (bytes > MAX_SYNCED_PAYLOAD_BYTES) {
    // Still served from PlanetScale; the Convex reader falls back to tRPC for it.
    log("warn", "result payload too large for Convex; kept in PlanetScale only", { org: orgId, page: id.pageId, bytes });
  }
  if (inserted) void kickDrain();
  return body;
}

/** {@link readThroughBytes} as a value, for in-process callers (admin evaluation, server render). */
export async function readThrough<T>(db: Db, orgId: string, id: ResultIdentity, compute: () => Promise<T>): Promise<T> {
  return JSON.parse((await readThroughBytes(db, orgId, id, compute)).body) as T;
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
