import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { chunks } from "../sql";
import { tablesFor, type Side } from "../tables";
import type { PreparedRow } from "./prepare";

/** Rows per INSERT statement: big enough to amortise round trips, small enough for max_allowed_packet. */
export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Writes new and changed rows with one multi-row INSERT … ON DUPLICATE KEY UPDATE. The JSON columns
 * arrive already encoded, so nothing is stringified twice.
 */
export async function upsertRows(tx: DbOrTx, side: Side, orgId: string, datasetId: number, rows: readonly PreparedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const t = tablesFor(side);
  const source = side === "source";
  const values = rows.map((r) =>
    source
      ? sql`(${orgId}, ${datasetId}, ${r.keyText}, ${r.keyHash}, ${r.label}, ${r.attrsJson}, ${r.contentHash}, ${r.dimsJson}, ${r.dimsHash})`
      : sql`(${orgId}, ${datasetId}, ${r.keyText}, ${r.keyHash}, ${r.label}, ${r.attrsJson}, ${r.contentHash})`,
  );
  const columns = source
    ? "organization_id, dataset_id, key_text, key_hash, label, attrs_json, content_hash, dims_json, dims_hash"
    : "organization_id, dataset_id, key_text, key_hash, label, attrs_json, content_hash";
  const updates = [
    "key_text = VALUES(key_text)",
    "label = VALUES(label)",
    "attrs_json = VALUES(attrs_json)",
    "content_hash = VALUES(content_hash)",
    "updated_at = CURRENT_TIMESTAMP(3)",
    ...(source ? ["dims_json = VALUES(dims_json)", "dims_hash = VALUES(dims_hash)"] : []),
  ].join(", ");
  await tx.execute(sql`INSERT INTO ${t.rows} (${sql.raw(columns)}) VALUES ${sql.join(values, sql`, `)} ON DUPLICATE KEY UPDATE ${sql.raw(updates)}`);
}

/** Removes rows by key hash (replace mode), a batch per statement. */
export async function deleteRowsByHash(tx: DbOrTx, side: Side, orgId: string, datasetId: number, keyHashes: readonly string[]): Promise<void> {
  const t = tablesFor(side);
  for (const part of chunks(keyHashes, DEFAULT_BATCH_SIZE)) {
    await tx.delete(t.rows).where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId), inArray(t.rows.keyHash, part)));
  }
}

/** key_hash → content_hash of every row of the dataset: one query instead of one per imported row. */
export async function loadContentHashes(tx: DbOrTx, side: Side, orgId: string, datasetId: number): Promise<Map<string, string>> {
  const t = tablesFor(side);
  const rows = await tx
    .select({ k: t.rows.keyHash, c: t.rows.contentHash })
    .from(t.rows)
    .where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId)));
  const map = new Map<string, string>();
  for (const r of rows) map.set(r.k, r.c);
  return map;
}
