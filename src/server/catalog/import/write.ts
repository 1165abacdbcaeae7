import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/results";
import { escape } from "mysql2";
import type { DbOrTx } from "~/server/db/client";
import { chunks } from "../sql";
import { tablesFor, type Side } from "../tables";
import type { PreparedRow } from "./prepare";

/** Rows per INSERT statement: big enough to amortise round trips. */
export const DEFAULT_BATCH_SIZE = 1000;
/** Bytes per INSERT statement at most, whatever the server would take: big rows make small batches. */
export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/** The largest statement the server accepts (max_allowed_packet), less room for the protocol. */
export async function statementByteBudget(tx: DbOrTx): Promise<number> {
  try {
    const [row] = rowsOf<{ p: number | string }>(await tx.execute(sql`SELECT @@max_allowed_packet AS p`));
    const packet = Number(row?.p);
    if (Number.isFinite(packet) && packet > 0) return Math.min(MAX_STATEMENT_BYTES, packet - 64 * 1024);
  } catch {
    // A server without the variable: keep the default.
  }
  return MAX_STATEMENT_BYTES;
}

/** One row's `( … )` tuple of {@link upsertStatementOf}. */
export function rowValues(side: Side, orgId: string, datasetId: number, r: PreparedRow): string {
  const common = `(${escape(orgId)}, ${Number(datasetId)}, ${escape(r.keyText)}, '${hex(r.keyHash)}', ${escape(r.label)}, ${escape(r.attrsJson)}, '${hex(r.contentHash)}'`;
  return side === "source" ? `${common}, ${escape(r.dimsJson)}, '${hex(r.dimsHash)}')` : `${common})`;
}

/**
 * The text of one multi-row INSERT … ON DUPLICATE KEY UPDATE writing new and changed rows (the import
 * runs it, building the next statement while one runs). Built as text: drizzle's template builder
 * costs ~4× more than the insert itself at 1,000 rows, and the JSON columns arrive already encoded.
 * Values are escaped as the drivers' own client-side interpolation does; hashes are hex by construction.
 */
export function upsertStatementOf(side: Side, values: readonly string[]): string {
  const source = side === "source";
  const table = source ? "source_rows" : "target_rows";
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

/**
 * key_hash → content_hash of every row of the dataset: a few pages in key order instead of one
 * query per imported row, and no single result big enough to hold the event loop.
 */
export async function loadContentHashes(tx: DbOrTx, side: Side, orgId: string, datasetId: number): Promise<Map<string, string>> {
  const t = tablesFor(side);
  const map = new Map<string, string>();
  let after = "";
  for (;;) {
    const rows = await tx
      .select({ k: t.rows.keyHash, c: t.rows.contentHash })
      .from(t.rows)
      .where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId), gt(t.rows.keyHash, after)))
      .orderBy(asc(t.rows.keyHash))
      .limit(HASH_PAGE);
    for (const r of rows) map.set(r.k, r.c);
    if (rows.length < HASH_PAGE) return map;
    after = rows[rows.length - 1]!.k;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
const HASH_PAGE = 10_000;

/** The stored attributes of some rows, by key hash (an upsert keeps the fields a file leaves out). */
export async function loadStoredAttrs(tx: DbOrTx, side: Side, orgId: string, datasetId: number, keyHashes: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const t = tablesFor(side);
  const out = new Map<string, Record<string, unknown>>();
  for (const part of chunks(keyHashes, DEFAULT_BATCH_SIZE)) {
    const rows = await tx
      .select({ k: t.rows.keyHash, attrs: t.rows.attrsJson })
      .from(t.rows)
      .where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId), inArray(t.rows.keyHash, part)));
    for (const r of rows) out.set(r.k, r.attrs);
  }
  return out;
}
