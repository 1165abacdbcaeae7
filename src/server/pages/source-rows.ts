/**
 * Reads one source row by key for `pages.check`. The catalog owns row shapes; this mirrors its
 * SourceRecord mapping for the single lookup it does not offer.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { sourceRows } from "~/server/db/schema";
import { keyHashOf } from "~/server/catalog";
import type { SourceRecord } from "~/server/engine";

export async function loadSourceByKey(db: DbOrTx, orgId: string, datasetId: number, key: string): Promise<SourceRecord | null> {
  const [row] = await db
    .select({ key: sourceRows.keyText, label: sourceRows.label, dims: sourceRows.dimsJson, attrs: sourceRows.attrsJson })
    .from(sourceRows)
    .where(and(eq(sourceRows.organizationId, orgId), eq(sourceRows.datasetId, datasetId), eq(sourceRows.keyHash, keyHashOf(key))))
    .limit(1);
  return row ? { key: row.key, label: row.label, dims: row.dims, attrs: row.attrs } : null;
}
