import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { sourceDimensionValues } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { conflict, notFound } from "~/server/errors";
import { getDefinition } from "./definitions";
import { datasetUses } from "./hooks";
import { affectedRows } from "./sql";
import type { SchemaJson } from "./schema-json";
import { sideLabel, tablesFor, type Side } from "./tables";

/** A dataset as other modules see it: enough to evaluate against and to key caches on. */
export interface DatasetInfo {
  id: number;
  definitionId: number;
  name: string;
  status: "empty" | "importing" | "ready";
  rowCount: number;
  version: number;
  schema: SchemaJson;
  createdAt: Date;
  updatedAt: Date;
}

function datasetColumns(side: Side) {
  const t = tablesFor(side);
  return {
    id: t.datasets.id,
    definitionId: t.datasets.definitionId,
    name: t.datasets.name,
    status: t.datasets.status,
    rowCount: t.datasets.rowCount,
    version: t.datasets.version,
    schema: t.definitions.schemaJson,
    createdAt: t.datasets.createdAt,
    updatedAt: t.datasets.updatedAt,
  };
}

/**
 * One dataset of the organization with its definition's schema, or NOT_FOUND (also for another
 * organization's id). Pass a transaction and `forUpdate` to lock the row for the rest of it.
 */
export async function getDataset(db: DbOrTx, orgId: string, side: Side, id: number, opts: { forUpdate?: boolean } = {}): Promise<DatasetInfo> {
  const t = tablesFor(side);
  const q = db
    .select(datasetColumns(side))
    .from(t.datasets)
    .innerJoin(t.definitions, and(eq(t.definitions.id, t.datasets.definitionId), eq(t.definitions.organizationId, orgId)))
    .where(and(eq(t.datasets.organizationId, orgId), eq(t.datasets.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound(`${sideLabel(side)} dataset`, id);
  return row;
}

/** Datasets of the organization, newest first; `definitionId` narrows to one definition (which must exist). */
export async function listDatasets(db: Db, orgId: string, side: Side, opts: { definitionId?: number } = {}): Promise<DatasetInfo[]> {
  const t = tablesFor(side);
  if (opts.definitionId !== undefined) await getDefinition(db, orgId, side, opts.definitionId);
  return db
    .select(datasetColumns(side))
    .from(t.datasets)
    .innerJoin(t.definitions, and(eq(t.definitions.id, t.datasets.definitionId), eq(t.definitions.organizationId, orgId)))
    .where(and(eq(t.datasets.organizationId, orgId), opts.definitionId === undefined ? undefined : eq(t.datasets.definitionId, opts.definitionId)))
    .orderBy(desc(t.datasets.id));
}

/** An empty dataset of a definition. Rows arrive through imports. */
export async function createDataset(scope: WriteScope, side: Side, input: { definitionId: number; name: string }): Promise<DatasetInfo> {
  const t = tablesFor(side);
  const id = await scope.db.transaction(async (tx) => {
    await getDefinition(tx, scope.orgId, side, input.definitionId, { forUpdate: true });
    const [created] = await tx
      .insert(t.datasets)
      .values({ organizationId: scope.orgId, definitionId: input.definitionId, name: input.name.trim() })
      .$returningId();
    const newId = created!.id;
    await recordAudit(tx, scope, { action: `${side}.dataset.create`, targetType: `${side}_dataset`, targetId: newId, diff: { definitionId: input.definitionId, name: input.name } });
    return newId;
  });
  return getDataset(scope.db, scope.orgId, side, id);
}

/**
 * Deletes a dataset with its rows, dimension values and import history. Refused while a page uses
 * it: a page must never point at a dataset that is gone.
 */
export async function deleteDataset(scope: WriteScope, side: Side, id: number): Promise<{ id: number; rowsRemoved: number }> {
  const t = tablesFor(side);
  return scope.db.transaction(async (tx) => {
    const ds = await getDataset(tx, scope.orgId, side, id, { forUpdate: true });
    const uses = await datasetUses(tx, scope.orgId, side, id);
    if (uses.length > 0) {
      const named = uses.map((u) => `"${u.page.name}" (/${u.page.slug}, ${u.by.join(" and ")})`).join(", ");
      throw conflict(
        `${sideLabel(side)} dataset "${ds.name}" is used by page${uses.length > 1 ? "s" : ""} ${named}; point ${uses.length > 1 ? "them" : "it"} at another dataset and publish, or delete ${uses.length > 1 ? "them" : "it"}, first`,
        { datasetId: id, pages: uses.map((u) => ({ slug: u.page.slug, by: u.by })) },
      );
    }
    const byDataset = <T extends { organizationId: unknown; datasetId: unknown }>(table: T) =>
      and(eq(table.organizationId as never, scope.orgId), eq(table.datasetId as never, id));
    const removed = affectedRows(await tx.delete(t.rows).where(byDataset(t.rows)));
    if (side === "source") await tx.delete(sourceDimensionValues).where(byDataset(sourceDimensionValues));
    await tx.delete(t.imports).where(byDataset(t.imports));
    await tx.delete(t.datasets).where(and(eq(t.datasets.organizationId, scope.orgId), eq(t.datasets.id, id)));
    await recordAudit(tx, scope, { action: `${side}.dataset.delete`, targetType: `${side}_dataset`, targetId: id, diff: { name: ds.name, rowCount: ds.rowCount } });
    return { id, rowsRemoved: removed };
  });
}

