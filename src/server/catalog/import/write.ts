import { and, eq, inArray } from "drizzle-orm";
import { escape } from "mysql2";
import type { DbOrTx } from "~/server/db/client";
import { chunks } from "../sql";
import { tablesFor, type Side } from "../tables";
import type { PreparedRow } from "./prepare";

/** Rows per INSERT statement: big enough to amortise round trips, small enough for max_allowed_packet. */
export const DEFAULT_BATCH_SIZE = 1000;

/**
 * The text of one multi-row INSERT … ON DUPLICATE KEY UPDATE writing new and changed rows (the import
 * runs it, building the next statement while one runs). Built as text: drizzle's template builder
 * costs ~4× more than the insert itself at 1,000 rows, and the JSON columns arrive already encoded.
 * Values are escaped as the drivers' own client-side interpolation does; hashes are hex by construction.
 */
export function upsertStatement(side: Side, orgId: string, datasetId: number, rows: readonly PreparedRow[]): string {
  const source = side === "source";
  const table = source ? "source_rows" : "target_rows";
  const prefix = `(${escape(orgId)}, ${Number(datasetId)}, `;
  const values: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const common = `${prefix}${escape(r.keyText)}, '${hex(r.keyHash)}', ${escape(r.label)}, ${escape(r.attrsJson)}, '${hex(r.contentHash)}'`;
    values[i] = source ? `${common}, ${escape(r.dimsJson)}, '${hex(r.dimsHash)}')` : `${common})`;
  }
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
  return `INSERT INTO \`${table}\` (${columns}) VALUES ${values.join(", ")} ON DUPLICATE KEY UPDATE ${updates}`;
}

const HEX = /^[0-9a-f]*$/;
/** Hashes are written unquoted-safe only because they are hex; anything else is a bug, not data. */
function hex(h: string): string {
  if (!HEX.test(h)) throw new Error("internal: a row hash is not hex");
  return h;
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
