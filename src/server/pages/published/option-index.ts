/**
 * The Finder's dropdown options per published revision and source dataset version, built by
 * publish and import (never by a reader), in shards whose JSON stays ≤ 256 KiB so a Convex
 * document (1 MiB limit) always has room to spare. Readers: `../read/options.ts`.
 */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { optionIndex } from "~/server/db/schema";
import { dimensionPathHash, listDimensionValues } from "~/server/catalog";

export const MAX_SHARD_BYTES = 256 * 1024;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export interface OptionValue {
  value: string;
  count: number;
  /** The enum option's label; only in deliveries to Convex (the index stores values, tRPC labels at read). */
  label?: string;
}

/** Every option of one level under one parent path, split into shards (at least one). */
export interface OptionSet {
  level: number;
  parentHash: string;
  shards: OptionValue[][];
}

/** Greedy packing in order; each shard's `JSON.stringify` is at most `maxBytes` UTF-8 bytes. */
export function shardValues(values: OptionValue[], maxBytes = MAX_SHARD_BYTES): OptionValue[][] {
  const shards: OptionValue[][] = [];
  let current: OptionValue[] = [];
  let bytes = 2; // "[]"
  for (const v of values) {
    const size = Buffer.byteLength(JSON.stringify(v), "utf8");
    if (current.length > 0 && bytes + 1 + size > maxBytes) {
      shards.push(current);
      current = [];
      bytes = 2;
    }
    bytes += (current.length > 0 ? 1 : 0) + size; // 1 = the comma
    current.push(v);
  }
  shards.push(current);
  return shards;
}

/**
 * All option sets of a source dataset, from the catalog's dimension index. The level-0 set is
 * always present (possibly empty): its presence is how readers know the index was built.
 */
export async function collectOptionSets(db: DbOrTx, orgId: string, sourceDatasetId: number, maxBytes = MAX_SHARD_BYTES): Promise<OptionSet[]> {
  const rows = await listDimensionValues(db, orgId, sourceDatasetId);
  const groups = new Map<string, { level: number; parentHash: string; values: OptionValue[] }>();
  const rootHash = dimensionPathHash([]);
  groups.set(`0:${rootHash}`, { level: 0, parentHash: rootHash, values: [] });
  for (const r of rows) {
    const id = `${r.level}:${r.parentHash}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { level: r.level, parentHash: r.parentHash, values: [] }));
    g.values.push({ value: r.value, count: r.count });
  }
  // Same order as the catalog's own dimension options, so the dashboard and public pages agree.
  const byValue = (a: OptionValue, b: OptionValue) => collator.compare(a.value, b.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  return [...groups.values()].map((g) => ({ level: g.level, parentHash: g.parentHash, shards: shardValues(g.values.sort(byValue), maxBytes) }));
}

/** Replaces the page's whole option index with `sets` (older revisions and versions go). */
export async function writeOptionIndex(tx: DbOrTx, orgId: string, pageId: number, revisionId: number, sourceVersion: number, sets: OptionSet[]) {
  // Readers only ever want the current revision at the current source version.
  await tx.delete(optionIndex).where(and(eq(optionIndex.organizationId, orgId), eq(optionIndex.pageId, pageId)));
  const rows = sets.flatMap((set) =>
    set.shards.map((values, shard) => ({ organizationId: orgId, pageId, revisionId, sourceVersion, level: set.level, parentHash: set.parentHash, shard, valuesJson: values })),
  );
  // Batches bounded by bytes: a shard can be 256 KiB and max_allowed_packet is finite.
  let batch: typeof rows = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row.valuesJson), "utf8") + 200;
    if (batch.length > 0 && bytes + size > 4 * 1024 * 1024) {
      await tx.insert(optionIndex).values(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) await tx.insert(optionIndex).values(batch);
}

/** Builds and stores the option index of a source dataset version for one revision. */
export async function rebuildOptionIndex(tx: DbOrTx, orgId: string, pageId: number, revisionId: number, sourceDatasetId: number, sourceVersion: number) {
  const sets = await collectOptionSets(tx, orgId, sourceDatasetId);
  await writeOptionIndex(tx, orgId, pageId, revisionId, sourceVersion, sets);
  return sets;
}

/** True when the index of this revision and source version exists. */
export async function hasOptionIndex(db: DbOrTx, orgId: string, pageId: number, revisionId: number, sourceVersion: number): Promise<boolean> {
  const [row] = await db
    .select({ id: optionIndex.id })
    .from(optionIndex)
    .where(
      and(
        eq(optionIndex.organizationId, orgId),
        eq(optionIndex.pageId, pageId),
        eq(optionIndex.revisionId, revisionId),
        eq(optionIndex.sourceVersion, sourceVersion),
        eq(optionIndex.level, 0),
      ),
    )
    .limit(1);
  return !!row;
}

/** The stored index of a revision and source version, as option sets (for re-sending to Convex). */
export async function collectStoredOptionSets(db: DbOrTx, orgId: string, pageId: number, revisionId: number, sourceVersion: number): Promise<OptionSet[]> {
  const rows = await db
    .select({ level: optionIndex.level, parentHash: optionIndex.parentHash, shard: optionIndex.shard, values: optionIndex.valuesJson })
    .from(optionIndex)
    .where(and(eq(optionIndex.organizationId, orgId), eq(optionIndex.pageId, pageId), eq(optionIndex.revisionId, revisionId), eq(optionIndex.sourceVersion, sourceVersion)))
    .orderBy(asc(optionIndex.level), asc(optionIndex.parentHash), asc(optionIndex.shard));
  const sets = new Map<string, OptionSet>();
  for (const r of rows) {
    const id = `${r.level}:${r.parentHash}`;
    let set = sets.get(id);
    if (!set) sets.set(id, (set = { level: r.level, parentHash: r.parentHash, shards: [] }));
    set.shards.push(r.values);
  }
  return [...sets.values()];
}
