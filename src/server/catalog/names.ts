import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { tablesFor, type Side } from "./tables";

export type CatalogObject = "definition" | "dataset" | "import";

/**
 * Names of one side's catalog objects by id, within the organization (ids of others find
 * nothing): a definition or dataset by its name, an import by its dataset's name and, when it
 * came from a file, the file's. For the audit log (docs/dashboard.md).
 */
export async function catalogNames(db: DbOrTx, orgId: string, side: Side, kind: CatalogObject, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const t = tablesFor(side);
  if (kind === "import") {
    const rows = await db
      .select({ id: t.imports.id, dataset: t.datasets.name, file: t.imports.fileName })
      .from(t.imports)
      .innerJoin(t.datasets, and(eq(t.datasets.id, t.imports.datasetId), eq(t.datasets.organizationId, orgId)))
      .where(and(eq(t.imports.organizationId, orgId), inArray(t.imports.id, ids)));
    for (const r of rows) out.set(r.id, r.file ? `${r.dataset} ← ${r.file}` : r.dataset);
    return out;
  }
  const table = kind === "definition" ? t.definitions : t.datasets;
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.organizationId, orgId), inArray(table.id, ids)));
  for (const r of rows) out.set(r.id, r.name);
  return out;
}
