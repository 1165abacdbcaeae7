import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import { getDataset } from "./datasets";
import { TimeSlicer } from "./import/slice";
import { dimensionPathHash } from "./hash";
import { chunks, jsonPath, rowsOf } from "./sql";
import { sourceDimensionValues, sourceRows } from "./tables";

/**
 * Rebuilds a source dataset's dimension index from its rows: for every level, each value under each
 * path above it, with the number of rows below. One GROUP BY over the rows (binary collation, so
 * "Web" and "web" stay two values); upper levels are summed from it. Imports call it in a
 * READ COMMITTED transaction: the DELETE then locks this dataset's entries only, not the gaps
 * beside another dataset's, so two imports rebuilding at once cannot deadlock on `uniq_dim`.
 */
export async function rebuildDimensionIndex(tx: DbOrTx, orgId: string, datasetId: number, dimensions: readonly string[]): Promise<number> {
  const scope = and(eq(sourceDimensionValues.organizationId, orgId), eq(sourceDimensionValues.datasetId, datasetId));
  await tx.delete(sourceDimensionValues).where(scope);
  if (dimensions.length === 0) return 0;
  const selects = dimensions.map((d, i) => sql`JSON_UNQUOTE(JSON_EXTRACT(${sourceRows.dimsJson}, ${jsonPath(d)})) COLLATE utf8mb4_bin AS ${sql.raw(`d${i}`)}`);
  const groups = rowsOf<Record<string, unknown>>(
    await tx.execute(
      sql`SELECT ${sql.join(selects, sql`, `)}, COUNT(*) AS n FROM ${sourceRows}
          WHERE ${sourceRows.organizationId} = ${orgId} AND ${sourceRows.datasetId} = ${datasetId}
          GROUP BY ${sql.raw(dimensions.map((_, i) => `d${i}`).join(", "))}`,
    ),
  );
  const counts = new Map<string, { level: number; parent: string; value: string; n: number }>();
  // One sha256 per level per group: 100k distinct paths are a few hundred ms of work, done in slices.
  const slicer = new TimeSlicer();
  for (const g of groups) {
    if (slicer.due()) await slicer.pause();
    const n = Number(g.n);
    const path: string[] = [];
    for (let level = 0; level < dimensions.length; level++) {
      const raw = g[`d${level}`];
      const value = Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw ?? "");
      const parent = dimensionPathHash(path);
      const id = `${level}\u0000${parent}\u0000${value}`;
      const hit = counts.get(id);
      if (hit) hit.n += n;
      else counts.set(id, { level, parent, value, n });
      path.push(value);
    }
  }
  for (const part of chunks([...counts.values()], 1000)) {
    await tx.insert(sourceDimensionValues).values(
      part.map((c) => ({ organizationId: orgId, datasetId, level: c.level, parentKeyHash: c.parent, value: c.value, valueCount: c.n })),
    );
  }
  return counts.size;
}

export interface DimensionOption {
  value: string;
  label: string;
  count: number;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * The next level's values under `path`, with row counts, sorted by value. When the path names a value
 * at every level, the options are the source rows at that leaf (`leaf: true`): the Finder's last
 * dropdown picks the source itself.
 */
export async function dimensionOptions(db: DbOrTx, orgId: string, datasetId: number, path: readonly string[]): Promise<{ level: number; leaf: boolean; dimension: string | null; options: DimensionOption[] }> {
  const ds = await getDataset(db, orgId, "source", datasetId);
  const dims = ds.schema.dimensions;
  if (path.length > dims.length) {
    throw badRequest(`The path has ${path.length} values but dataset ${datasetId} has ${dims.length} dimension${dims.length === 1 ? "" : "s"}`, { field: "path", datasetId });
  }
  if (path.length === dims.length) {
    const rows = await db
      .select({ key: sourceRows.keyText, label: sourceRows.label })
      .from(sourceRows)
      .where(and(eq(sourceRows.organizationId, orgId), eq(sourceRows.datasetId, datasetId), eq(sourceRows.dimsHash, dimensionPathHash(path))))
      .orderBy(asc(sourceRows.label), asc(sourceRows.keyText), asc(sourceRows.id));
    return { level: path.length, leaf: true, dimension: null, options: rows.map((r) => ({ value: r.key, label: r.label, count: 1 })) };
  }
  const values = await db
    .select({ value: sourceDimensionValues.value, count: sourceDimensionValues.valueCount })
    .from(sourceDimensionValues)
    .where(
      and(
        eq(sourceDimensionValues.organizationId, orgId),
        eq(sourceDimensionValues.datasetId, datasetId),
        eq(sourceDimensionValues.level, path.length),
        eq(sourceDimensionValues.parentKeyHash, dimensionPathHash(path)),
      ),
    );
  values.sort((a, b) => collator.compare(a.value, b.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { level: path.length, leaf: false, dimension: dims[path.length]!, options: values.map((v) => ({ value: v.value, label: v.value, count: v.count })) };
}

export interface DimensionValueRow {
  level: number;
  parentHash: string;
  value: string;
  count: number;
}

/** The whole dimension index of a source dataset, by level, parent path hash and value. */
export async function listDimensionValues(db: DbOrTx, orgId: string, datasetId: number): Promise<DimensionValueRow[]> {
  return db
    .select({
      level: sourceDimensionValues.level,
      parentHash: sourceDimensionValues.parentKeyHash,
      value: sourceDimensionValues.value,
      count: sourceDimensionValues.valueCount,
    })
    .from(sourceDimensionValues)
    .where(and(eq(sourceDimensionValues.organizationId, orgId), eq(sourceDimensionValues.datasetId, datasetId)))
    .orderBy(asc(sourceDimensionValues.level), asc(sourceDimensionValues.parentKeyHash), asc(sourceDimensionValues.value));
}
