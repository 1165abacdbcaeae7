import { and, asc, count, eq, gt, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import { getDataset } from "./datasets";
import { dimensionPathHash, keyHashOf } from "./hash";
import { chunks, jsonPath, likeEscape } from "./sql";
import { sourceRows, tablesFor, type Side } from "./tables";

export type Attrs = Record<string, string | number | boolean>;
export interface TargetRecord {
  key: string;
  label: string;
  attrs: Attrs;
}
export interface SourceRecord extends TargetRecord {
  dims: Record<string, string>;
}

const sourceColumns = {
  key: sourceRows.keyText,
  label: sourceRows.label,
  dims: sourceRows.dimsJson,
  attrs: sourceRows.attrsJson,
};
const bySource = (orgId: string, datasetId: number) => and(eq(sourceRows.organizationId, orgId), eq(sourceRows.datasetId, datasetId));
const asSource = (r: { key: string; label: string; dims: unknown; attrs: unknown }): SourceRecord => ({
  key: r.key,
  label: r.label,
  dims: r.dims as Record<string, string>,
  attrs: r.attrs as Attrs,
});

/** One source row by its key, or null (`pages.check` looks a single pair up). */
export async function loadSourceByKey(db: DbOrTx, orgId: string, datasetId: number, key: string): Promise<SourceRecord | null> {
  const [row] = await db
    .select(sourceColumns)
    .from(sourceRows)
    .where(and(bySource(orgId, datasetId), eq(sourceRows.keyHash, keyHashOf(key))))
    .limit(1);
  return row ? asSource(row) : null;
}

/** Every row of a target dataset (targets are bounded by the tier: 10,000 at most by default). */
export async function loadTargetRecords(db: DbOrTx, orgId: string, datasetId: number): Promise<TargetRecord[]> {
  await getDataset(db, orgId, "target", datasetId);
  const t = tablesFor("target");
  const rows = await db
    .select({ key: t.rows.keyText, label: t.rows.label, attrs: t.rows.attrsJson })
    .from(t.rows)
    .where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId)))
    .orderBy(asc(t.rows.label), asc(t.rows.keyText), asc(t.rows.id));
  return rows.map((r) => ({ key: r.key, label: r.label, attrs: r.attrs as Attrs }));
}

/**
 * Source rows under a Finder path: rows whose dimension values start with `path`. A full path is
 * found through the dims_hash index; one element more than there are dimensions names the source
 * row itself (its key); a shorter path compares dimension values (a scan of the dataset).
 */
export async function loadSourceRecordsByPath(db: DbOrTx, orgId: string, datasetId: number, path: readonly string[], opts: { limit?: number } = {}): Promise<SourceRecord[]> {
  const ds = await getDataset(db, orgId, "source", datasetId);
  const dims = ds.schema.dimensions;
  if (path.length > dims.length + 1) {
    throw badRequest(`The path has ${path.length} values but dataset ${datasetId} has ${dims.length} dimension${dims.length === 1 ? "" : "s"} (plus one for the source key)`, { field: "path", datasetId });
  }
  let where: SQL | undefined;
  if (path.length >= dims.length) {
    where = eq(sourceRows.dimsHash, dimensionPathHash(path.slice(0, dims.length)));
    if (path.length > dims.length) where = and(where, eq(sourceRows.keyHash, keyHashOf(path[dims.length]!)));
  } else if (path.length > 0) {
    where = and(...path.map((v, i) => sql`JSON_UNQUOTE(JSON_EXTRACT(${sourceRows.dimsJson}, ${jsonPath(dims[i]!)})) COLLATE utf8mb4_bin = ${v}`));
  }
  const rows = await db
    .select(sourceColumns)
    .from(sourceRows)
    .where(and(bySource(orgId, datasetId), where))
    .orderBy(asc(sourceRows.label), asc(sourceRows.keyText), asc(sourceRows.id))
    .limit(opts.limit ?? Number.MAX_SAFE_INTEGER);
  return rows.map(asSource);
}

/** A slice of a source dataset in a stable order (label, then key): the Matrix pages through it. */
export async function loadSourceRecords(db: DbOrTx, orgId: string, datasetId: number, opts: { offset: number; limit: number }): Promise<SourceRecord[]> {
  await getDataset(db, orgId, "source", datasetId);
  const rows = await db
    .select(sourceColumns)
    .from(sourceRows)
    .where(bySource(orgId, datasetId))
    .orderBy(asc(sourceRows.label), asc(sourceRows.keyText), asc(sourceRows.id))
    .limit(Math.max(0, opts.limit))
    .offset(Math.max(0, opts.offset));
  return rows.map(asSource);
}

/** Number of rows a dataset holds right now (counted, not the cached row_count). */
export async function countRows(db: DbOrTx, orgId: string, side: Side, datasetId: number): Promise<number> {
  await getDataset(db, orgId, side, datasetId);
  const t = tablesFor(side);
  const [row] = await db.select({ n: count() }).from(t.rows).where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId)));
  return Number(row?.n ?? 0);
}

/** Which of `keys` exist in the dataset (overrides validate their keys against this). */
export async function findRowKeys(db: DbOrTx, orgId: string, side: Side, datasetId: number, keys: readonly string[]): Promise<Set<string>> {
  await getDataset(db, orgId, side, datasetId);
  const t = tablesFor(side);
  const found = new Set<string>();
  const byHash = new Map(keys.map((k) => [keyHashOf(k), k]));
  for (const part of chunks([...byHash.keys()], 1000)) {
    const rows = await db
      .select({ keyHash: t.rows.keyHash })
      .from(t.rows)
      .where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId), inArray(t.rows.keyHash, part)));
    for (const r of rows) found.add(byHash.get(r.keyHash)!);
  }
  return found;
}

export interface RowPage {
  items: Array<SourceRecord & { updatedAt: Date }>;
  nextCursor: string | null;
}

type Cursor = [label: string, id: number];
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(c) && c.length === 2 && typeof c[0] === "string" && Number.isInteger(c[1])) return c as Cursor;
  } catch {
    // fall through to the error below
  }
  throw badRequest("The cursor is not one this API returned; start again without it", { field: "cursor" });
}

/**
 * One page of a dataset's rows for the dashboard, by label (keyset pagination on label, id).
 * `search` matches the key's start or anywhere in the label, case-insensitively.
 */
export async function listRows(
  db: DbOrTx,
  orgId: string,
  side: Side,
  datasetId: number,
  opts: { limit: number; cursor?: string; search?: string },
): Promise<RowPage> {
  await getDataset(db, orgId, side, datasetId);
  const t = tablesFor(side);
  const dims = side === "source" ? sql<unknown>`${sourceRows.dimsJson}` : sql<unknown>`'{}'`;
  const q = opts.search?.trim();
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await db
    .select({ id: t.rows.id, key: t.rows.keyText, label: t.rows.label, dims, attrs: t.rows.attrsJson, updatedAt: t.rows.updatedAt })
    .from(t.rows)
    .where(
      and(
        eq(t.rows.organizationId, orgId),
        eq(t.rows.datasetId, datasetId),
        q ? or(like(t.rows.keyText, `${likeEscape(q)}%`), like(t.rows.label, `%${likeEscape(q)}%`)) : undefined,
        after ? or(gt(t.rows.label, after[0]), and(eq(t.rows.label, after[0]), gt(t.rows.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(t.rows.label), asc(t.rows.id))
    .limit(opts.limit + 1);
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      key: r.key,
      label: r.label,
      dims: (typeof r.dims === "string" ? JSON.parse(r.dims) : r.dims) as Record<string, string>,
      attrs: r.attrs as Attrs,
      updatedAt: r.updatedAt,
    })),
    nextCursor: more && last ? encodeCursor([last.label, last.id]) : null,
  };
}
