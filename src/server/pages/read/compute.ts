/**
 * Where answers are computed: one code path for the admin's draft and the public's published
 * revision. Callers resolve a {@link PageSpec} (a snapshot plus what identifies it), and these
 * functions load rows (target rows cached per dataset version) and run the pure engine. Nothing
 * here reads or writes a cache of answers; that is `evaluate.ts` and `result-cache.ts`.
 */
import type { DbOrTx } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import { loadSourceByKey, loadSourceRecords, loadSourceRecordsByPath, loadTargetRecords } from "~/server/catalog";
import {
  checkPair,
  evaluateMatrix,
  evaluateSelection,
  type CompiledRuleSet,
  type FeatureInfo,
  type MatrixGroup,
  type MatrixRow,
  type ResultPayload,
  type RuleSpec,
  type TargetRecord,
} from "~/server/engine";
import type { Dataset, Datasets } from "../model";
import { effectiveMinDepth } from "../draft/policies";
import type { PageSnapshot } from "../draft/snapshot";
import { cachedCompile, cachedTargets } from "./compute-caches";
import { plainFinderPage, type PlainResultPayload } from "./plain-language";

/** What to evaluate: a snapshot and the identity its compiled rules are cached under. */
export interface PageSpec {
  pageId: number;
  /** The published revision's id, or null for the draft. */
  revisionId: number | null;
  /** `rev:<id>` or `draft:<content hash>`. */
  compileKey: string;
  snapshot: PageSnapshot;
}

/**
 * How many pages of results were computed (cache misses), per kind. A test seam: tests read it
 * through ~/server/test-support to prove a cache hit does no evaluation.
 */
export const evaluationCounter = { finder: 0, matrix: 0, check: 0 };

export function compiledFor(spec: PageSpec): CompiledRuleSet {
  return cachedCompile(`${spec.pageId}:${spec.compileKey}`, () =>
    spec.snapshot.rules.map(
      (r): RuleSpec => ({ id: String(r.id), name: r.name, required: r.required, weight: r.weight, category: r.category, logic: r.logic, sentences: r.sentences }),
    ),
  );
}

export function targetsOf(db: DbOrTx, orgId: string, target: Dataset): Promise<TargetRecord[]> {
  return cachedTargets(orgId, target.id, target.version, () => loadTargetRecords(db, orgId, target.id));
}

export type FinderResult = PlainResultPayload & {
  /** The path is shorter than the page's `minDepth`: no targets are listed until it is deeper. */
  needsDeeperSelection: boolean;
  minDepth: number;
};

/** One page of a Finder result for a selection path. */
export async function computeFinderPage(db: DbOrTx, orgId: string, spec: PageSpec, ds: Datasets, path: string[], page: number): Promise<FinderResult> {
  const snap = spec.snapshot;
  const levels = ds.source.schema.dimensions.length;
  if (path.length > levels + 1) {
    throw badRequest(`A path has at most ${levels + 1} elements (${levels} dimension levels and a row key)`, { field: "path", max: levels + 1 });
  }
  const compiled = compiledFor(spec);
  const minDepth = effectiveMinDepth(snap.selectionPolicy, levels);
  if (path.length < minDepth) {
    return {
      verdict: null,
      headline: "",
      counts: { compatible: 0, partial: 0, incompatible: 0, total: 0 },
      features: compiled.features,
      targets: [] as PlainResultPayload["targets"],
      page: 1,
      pageSize: snap.devicePolicy.pageSize,
      totalTargets: 0,
      totalPages: 0,
      matchedSources: 0,
      needsDeeperSelection: true,
      minDepth,
    };
  }
  evaluationCounter.finder++;
  const sources = await loadSourceRecordsByPath(db, orgId, ds.source.id, path);
  const targets = await targetsOf(db, orgId, ds.target);
  // Ranked without grouping (verdict, score, label): a group is a label on each target, a way to view.
  const payload = evaluateSelection({
    compiled,
    overrides: snap.overrides,
    sources,
    targets,
    selectionPolicy: snap.selectionPolicy,
    devicePolicy: { ...snap.devicePolicy, groupBy: null },
    messaging: snap.messaging,
    page,
  });
  const plain = plainFinderPage(payload, {
    sources,
    targets,
    rules: snap.rules,
    sourceSchema: ds.source.schema,
    targetSchema: ds.target.schema,
    groupBy: snap.devicePolicy.groupBy,
    columns: snap.devicePolicy.columns,
  });
  return { ...plain, needsDeeperSelection: false, minDepth };
}

export const MAX_MATRIX_ROWS = 200;
/** Cells per slice: keeps a slice (≈ 40 bytes a cell at worst) well under Convex's 1 MiB. */
export const MATRIX_CELL_BUDGET = 20_000;

export interface MatrixResult {
  features: FeatureInfo[];
  groups: MatrixGroup[];
  /** Column labels, in the order of `groups` (keys alone make poor column headers). */
  targets: { key: string; label: string }[];
  rows: MatrixRow[];
  rowOffset: number;
  /** Rows asked for; `rows.length` can be smaller (end of data, or the cell budget). */
  rowLimit: number;
  totalRows: number;
  totalTargets: number;
  /** Where the next slice starts, or null at the end. */
  nextRowOffset: number | null;
}

/** A slice of rows of the Matrix; wide matrices get fewer rows per slice (cell budget). */
export async function computeMatrixSlice(db: DbOrTx, orgId: string, spec: PageSpec, ds: Datasets, rowOffset: number, rowLimit: number): Promise<MatrixResult> {
  evaluationCounter.matrix++;
  const compiled = compiledFor(spec);
  const targets = await targetsOf(db, orgId, ds.target);
  const fit = Math.max(1, Math.floor(MATRIX_CELL_BUDGET / Math.max(1, targets.length)));
  const limit = Math.min(rowLimit, MAX_MATRIX_ROWS, fit);
  const sources = await loadSourceRecords(db, orgId, ds.source.id, { offset: rowOffset, limit });
  const slice = evaluateMatrix({ compiled, overrides: spec.snapshot.overrides, sources, targets, devicePolicy: spec.snapshot.devicePolicy });
  const labelOf = new Map(targets.map((t) => [t.key, t.label]));
  const columns = slice.groups.flatMap((g) => g.targetKeys.map((key) => ({ key, label: labelOf.get(key) ?? key })));
  const header = Buffer.byteLength(JSON.stringify(slice.groups), "utf8") + Buffer.byteLength(JSON.stringify(columns), "utf8");
  const rows = withinBytes(slice.rows, MATRIX_ROW_BYTES - header);
  const totalRows = ds.source.rowCount;
  const end = rowOffset + rows.length;
  return {
    features: compiled.features,
    groups: slice.groups,
    targets: columns,
    rows,
    rowOffset,
    rowLimit,
    totalRows,
    totalTargets: targets.length,
    nextRowOffset: rows.length > 0 && end < totalRows ? end : null,
  };
}

/** Bytes of rows per slice: many failing rules make cells larger than the cell budget assumes. */
const MATRIX_ROW_BYTES = 800 * 1024;

/** The leading rows whose JSON fits in `budget` bytes (always at least one). */
function withinBytes(rows: MatrixRow[], budget: number): MatrixRow[] {
  let used = 0;
  for (let i = 0; i < rows.length; i++) {
    used += Buffer.byteLength(JSON.stringify(rows[i]), "utf8") + 1;
    if (used > budget && i > 0) return rows.slice(0, i);
  }
  return rows;
}

/** One pair, with every rule's status, the explanation of each failure and the data it saw. */
export async function computePair(db: DbOrTx, orgId: string, spec: PageSpec, ds: Datasets, sourceKey: string, targetKey: string) {
  evaluationCounter.check++;
  const source = await loadSourceByKey(db, orgId, ds.source.id, sourceKey);
  if (!source) throw badRequest(`Unknown source key "${sourceKey}"`, { field: "sourceKey", key: sourceKey });
  const targets = await targetsOf(db, orgId, ds.target);
  const target = targets.find((t) => t.key === targetKey);
  if (!target) throw badRequest(`Unknown target key "${targetKey}"`, { field: "targetKey", key: targetKey });
  const compiled = compiledFor(spec);
  const result = checkPair({ compiled, overrides: spec.snapshot.overrides, source, target, devicePolicy: spec.snapshot.devicePolicy });
  const byId = new Map(compiled.features.map((f) => [f.id, f]));
  return {
    ...result,
    features: result.features.map((f) => ({ ...f, rule: byId.get(f.ruleId) ?? null })),
  };
}
