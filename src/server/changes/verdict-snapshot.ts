/**
 * Verdict snapshots: every pair of a page computed with the engine's matrix path
 * (`evaluateMatrix`), at the datasets' current rows, plus those rows — stored on publish and
 * after every import that changes a dataset a published page reads (docs/changes.md).
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { verdictSnapshots } from "~/server/db/schema";
import { getDataset, loadSourceRecords, loadTargetRecords } from "~/server/catalog";
import { compileRuleSet, evaluateMatrix, type RuleSpec } from "~/server/engine";
import type { PageSnapshot } from "~/server/pages/draft/snapshot";
import { countCells, ruleHash, type VerdictCells, type VerdictCounts } from "./verdict-diff";

/** Cells kept per pair in a stored snapshot; above it only the counts are kept ("summarised"). */
export const STORED_CELLS_MAX = 200_000;
/** Cells computed at all for a diff (a 1,000 × 1,000 matrix computes in well under a second). */
export const COMPUTED_CELLS_MAX = 2_000_000;
const SOURCE_CHUNK = 2000;

export interface ComputedVerdicts {
  sourceVersion: number;
  targetVersion: number;
  counts: VerdictCounts;
  /** Null when the matrix is larger than `cellsMax`. */
  cells: VerdictCells | null;
}

/** Computes every pair's verdict of `snapshot` at the datasets' current rows. */
export async function computeVerdicts(db: DbOrTx, orgId: string, pageId: number, snapshot: PageSnapshot, cellsMax = COMPUTED_CELLS_MAX): Promise<ComputedVerdicts> {
  const source = await getDataset(db, orgId, "source", snapshot.sourceDatasetId);
  const target = await getDataset(db, orgId, "target", snapshot.targetDatasetId);
  const versions = { sourceVersion: source.version, targetVersion: target.version };
  const targets = await loadTargetRecords(db, orgId, target.id);
  const total = source.rowCount * targets.length;
  if (total > cellsMax) {
    return { ...versions, cells: null, counts: { sources: source.rowCount, targets: targets.length, compatible: 0, partial: 0, incompatible: 0 } };
  }
  const compiled = compileRuleSet(
    snapshot.rules.map((r): RuleSpec => ({ id: String(r.id), name: r.name, required: r.required, weight: r.weight, category: r.category, logic: r.logic })),
  );
  const cells: VerdictCells = {
    rules: snapshot.rules.map((r) => ({ id: String(r.id), name: r.name, h: ruleHash(r) })),
    sources: [],
    targets: [],
    v: "",
    o: "",
    f: {},
  };
  const v: string[] = [];
  const o: string[] = [];
  let columnKeys: string[] | null = null;
  for (let offset = 0; ; offset += SOURCE_CHUNK) {
    const sources = await loadSourceRecords(db, orgId, source.id, { offset, limit: SOURCE_CHUNK });
    if (sources.length === 0) break;
    const slice = evaluateMatrix({ compiled, overrides: snapshot.overrides, sources, targets, devicePolicy: snapshot.devicePolicy });
    columnKeys ??= slice.groups.flatMap((g) => g.targetKeys);
    for (let r = 0; r < slice.rows.length; r++) {
      const row = slice.rows[r]!;
      const s = sources[r]!;
      cells.sources.push({ k: s.key, l: s.label, a: { ...s.dims, ...s.attrs } });
      row.cells.forEach((cell, c) => {
        const index = (cells.sources.length - 1) * targets.length + c;
        v.push(String(cell.v));
        o.push(cell.o ? "1" : "0");
        if (cell.f.length) cells.f[index] = cell.f;
      });
    }
    if (sources.length < SOURCE_CHUNK) break;
  }
  const byKey = new Map(targets.map((t) => [t.key, t]));
  cells.targets = (columnKeys ?? targets.map((t) => t.key)).map((k) => {
    const t = byKey.get(k)!;
    return { k: t.key, l: t.label, a: t.attrs };
  });
  cells.v = v.join("");
  cells.o = o.join("");
  return { ...versions, cells, counts: countCells(cells) };
}

/**
 * Stores a snapshot as the page's newest; older snapshots of the page keep their counts but drop
 * their cells (only the newest is ever a baseline — diffs are stored in `verdict_changes`).
 */
export async function storeVerdicts(tx: DbOrTx, orgId: string, pageId: number, revisionId: number, computed: ComputedVerdicts): Promise<number> {
  const keep = computed.cells && computed.cells.v.length <= STORED_CELLS_MAX ? computed.cells : null;
  const [row] = await tx
    .insert(verdictSnapshots)
    .values({
      organizationId: orgId,
      pageId,
      revisionId,
      sourceVersion: computed.sourceVersion,
      targetVersion: computed.targetVersion,
      countsJson: { ...computed.counts },
      cellsJson: keep,
    })
    .$returningId();
  await tx
    .update(verdictSnapshots)
    .set({ cellsJson: null })
    .where(and(eq(verdictSnapshots.organizationId, orgId), eq(verdictSnapshots.pageId, pageId), lt(verdictSnapshots.id, row!.id)));
  return row!.id;
}

/** The page's newest stored snapshot, or null. */
export async function latestVerdicts(db: DbOrTx, orgId: string, pageId: number) {
  const [row] = await db
    .select({ id: verdictSnapshots.id, revisionId: verdictSnapshots.revisionId, counts: verdictSnapshots.countsJson, cells: verdictSnapshots.cellsJson })
    .from(verdictSnapshots)
    .where(and(eq(verdictSnapshots.organizationId, orgId), eq(verdictSnapshots.pageId, pageId)))
    .orderBy(desc(verdictSnapshots.id))
    .limit(1);
  if (!row) return null;
  return { id: row.id, revisionId: row.revisionId, counts: row.counts as unknown as VerdictCounts, cells: (row.cells as VerdictCells | null) ?? null };
}
