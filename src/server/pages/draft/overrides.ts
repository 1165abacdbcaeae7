/**
 * Per-pair verdict overrides of a page's draft. Keys are the rows' key text (`*` or null = any)
 * and must exist in the page's datasets; they are stored with their hashes (WILDCARD for "any").
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { overrides, WILDCARD } from "~/server/db/schema";
import { diffOf, recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest, notFound } from "~/server/errors";
import { findRowKeys, keyHashOf } from "~/server/catalog";
import type { Verdict } from "~/server/engine";
import { loadPage } from "../model";

const overrideColumns = {
  id: overrides.id,
  pageId: overrides.pageId,
  sourceKeyText: overrides.sourceKeyText,
  sourceKeyHash: overrides.sourceKeyHash,
  targetKeyText: overrides.targetKeyText,
  targetKeyHash: overrides.targetKeyHash,
  verdict: overrides.value,
  note: overrides.note,
  createdAt: overrides.createdAt,
  updatedAt: overrides.updatedAt,
};

type OverrideRow = { id: number; pageId: number; sourceKeyText: string | null; sourceKeyHash: string; targetKeyText: string | null; targetKeyHash: string; verdict: number; note: string | null; createdAt: Date; updatedAt: Date };

function present(r: OverrideRow) {
  return {
    id: r.id,
    pageId: r.pageId,
    sourceKey: r.sourceKeyHash === WILDCARD ? null : r.sourceKeyText,
    targetKey: r.targetKeyHash === WILDCARD ? null : r.targetKeyText,
    verdict: r.verdict as Verdict,
    note: r.note,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function listOverrides(db: Db, orgId: string, pageId: number) {
  await loadPage(db, orgId, pageId);
  const rows = await db
    .select(overrideColumns)
    .from(overrides)
    .where(and(eq(overrides.organizationId, orgId), eq(overrides.pageId, pageId)))
    .orderBy(asc(overrides.id));
  return rows.map(present);
}

export interface OverrideInput {
  sourceKey: string | null;
  targetKey: string | null;
  verdict: Verdict;
  note?: string | null;
}

const isAny = (key: string | null) => key === null || key === WILDCARD;

async function assertKeyExists(db: DbOrTx, orgId: string, side: "source" | "target", datasetId: number, key: string) {
  const found = await findRowKeys(db, orgId, side, datasetId, [key]);
  if (!found.has(key)) {
    throw badRequest(`Unknown ${side} key "${key}": no row of the page's ${side} dataset has it`, { field: `${side}Key`, key });
  }
}

/** Creates the override of a pair, or replaces its verdict and note. */
export async function upsertOverride(scope: WriteScope, pageId: number, input: OverrideInput) {
  const sourceKey = isAny(input.sourceKey) ? null : input.sourceKey;
  const targetKey = isAny(input.targetKey) ? null : input.targetKey;
  if (sourceKey === null && targetKey === null) {
    throw badRequest("An override needs a source key, a target key or both; (*, *) would override every pair", { field: "sourceKey" });
  }
  const id = await scope.db.transaction(async (tx) => {
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    if (sourceKey !== null) await assertKeyExists(tx, scope.orgId, "source", page.sourceDatasetId, sourceKey);
    if (targetKey !== null) await assertKeyExists(tx, scope.orgId, "target", page.targetDatasetId, targetKey);
    const sourceKeyHash = sourceKey === null ? WILDCARD : keyHashOf(sourceKey);
    const targetKeyHash = targetKey === null ? WILDCARD : keyHashOf(targetKey);
    const match = and(
      eq(overrides.organizationId, scope.orgId),
      eq(overrides.pageId, pageId),
      eq(overrides.sourceKeyHash, sourceKeyHash),
      eq(overrides.targetKeyHash, targetKeyHash),
    );
    const [before] = await tx.select(overrideColumns).from(overrides).where(match).limit(1);
    const note = input.note ?? null;
    if (before) {
      await tx.update(overrides).set({ value: input.verdict, note }).where(and(match, eq(overrides.id, before.id)));
      await recordAudit(tx, scope, { action: "override.update", targetType: "override", targetId: before.id, diff: diffOf(before, { verdict: input.verdict, note }) });
      return before.id;
    }
    const [created] = await tx.insert(overrides).values({
      organizationId: scope.orgId,
      pageId,
      sourceKeyText: sourceKey,
      sourceKeyHash,
      targetKeyText: targetKey,
      targetKeyHash,
      value: input.verdict,
      note,
    }).$returningId();
    const overrideId = created!.id;
    await recordAudit(tx, scope, { action: "override.create", targetType: "override", targetId: overrideId, diff: { pageId, sourceKey, targetKey, verdict: input.verdict, note } });
    return overrideId;
  });
  const [row] = await scope.db.select(overrideColumns).from(overrides).where(and(eq(overrides.organizationId, scope.orgId), eq(overrides.id, id))).limit(1);
  return present(row!);
}

export async function deleteOverride(scope: WriteScope, overrideId: number) {
  await scope.db.transaction(async (tx) => {
    const [row] = await tx.select(overrideColumns).from(overrides).where(and(eq(overrides.organizationId, scope.orgId), eq(overrides.id, overrideId))).limit(1);
    if (!row) throw notFound("Override", overrideId);
    await loadPage(tx, scope.orgId, row.pageId, { forUpdate: true });
    await tx.delete(overrides).where(and(eq(overrides.organizationId, scope.orgId), eq(overrides.id, overrideId)));
    await recordAudit(tx, scope, { action: "override.delete", targetType: "override", targetId: overrideId, diff: present(row) });
  });
  return { id: overrideId, deleted: true as const };
}
