import type { CompiledRuleSet } from "./compile";
import { cachedTargetContexts, sourceContexts, targetGroup } from "./context";
import { cachedLabelRanks, groupRanks } from "./order";
import { OverrideIndex } from "./overrides";
import { TargetBatch, type EvaluationMode } from "./batch";
import { STATUS } from "./status";
import type { DevicePolicy } from "./policy";
import type { MatrixCell, MatrixGroup, MatrixRow, MatrixSlice, OverrideSpec, SourceRecord, TargetRecord, Verdict } from "./types";

export interface EvaluateMatrixInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  /** The rows to compute (a slice of the source dataset), in display order. */
  sources: SourceRecord[];
  targets: TargetRecord[];
  devicePolicy: DevicePolicy;
  /** Tuning knob for benchmarks; the default is right for real use. */
  mode?: EvaluationMode;
}

const MATRIX_MODE: EvaluationMode = "kernel";

const { UNKNOWN } = STATUS;

interface ColumnOrder {
  groupNames: (string | null)[];
  columns: number[];
  columnTargets: TargetRecord[];
  columnCtx: Record<string, unknown>[];
}

/** Column order and contexts per list of targets and `groupBy`, remembered (so slices share the kernels' target columns; see context.ts). */
const columnOrders = new WeakMap<readonly TargetRecord[], Map<string | null, ColumnOrder>>();

function columnOrder(targets: readonly TargetRecord[], groupBy: string | null): ColumnOrder {
  let byGroup = columnOrders.get(targets);
  if (!byGroup) columnOrders.set(targets, (byGroup = new Map()));
  let order = byGroup.get(groupBy);
  if (!order) {
    const groupNames = targets.map((t) => targetGroup(t, groupBy));
    const gRank = groupRanks(groupNames);
    const lRank = cachedLabelRanks(targets);
    const columns = targets.map((_, i) => i).sort((a, b) => gRank[a]! - gRank[b]! || lRank[a]! - lRank[b]!);
    const contexts = cachedTargetContexts(targets);
    order = { groupNames, columns, columnTargets: columns.map((i) => targets[i]!), columnCtx: columns.map((i) => contexts[i]!) };
    byGroup.set(groupBy, order);
  }
  return order;
}

/**
 * Computes a sources × targets grid. Columns are grouped by `devicePolicy.groupBy` (groups by
 * name, targets lacking the field in a last group named ""), targets ordered by label within a
 * group; each row's cells follow that column order. `hideIncompatible`, `sort` and `pageSize` do
 * not apply to a matrix: the caller slices rows.
 */
export function evaluateMatrix(input: EvaluateMatrixInput): MatrixSlice {
  const { compiled, sources, targets, devicePolicy } = input;
  const { groupNames, columns, columnTargets, columnCtx } = columnOrder(targets, devicePolicy.groupBy);

  const groups: MatrixGroup[] = [];
  for (const i of columns) {
    const name = groupNames[i] ?? "";
    const last = groups[groups.length - 1];
    if (last && last.name === name) last.targetKeys.push(targets[i]!.key);
    else groups.push({ name, targetKeys: [targets[i]!.key] });
  }

  const overrides = new OverrideIndex(input.overrides);
  const ruleIds = compiled.rules.map((r) => r.info.id);
  const scratch = ruleIds.slice();
  const words = (ruleIds.length + 31) >> 5;
  const failing = new Uint32Array(columnCtx.length * words);
  const rowCtx = sourceContexts(sources);
  const batch = new TargetBatch(compiled, { targets: columnCtx }, { mode: input.mode ?? MATRIX_MODE, unknownRequired: devicePolicy.unknownRequired });
  const { unknown, notPassing } = batch.totals;
  const rows: MatrixRow[] = sources.map((source, r) => {
    batch.run(rowCtx[r]!);
    batch.notPassingMask(failing);
    const cells = new Array<MatrixCell>(columnCtx.length);
    for (let c = 0; c < columnCtx.length; c++) {
      const computed = batch.verdict[c] as Verdict;
      const override = overrides.size === 0 ? null : overrides.find(source.key, columnTargets[c]!.key);
      const count = notPassing[c]!;
      cells[c] = {
        v: override ? override.verdict : computed,
        u: unknown[c]! > 0,
        o: override !== null,
        f: count === 0 ? [] : failedIds(failing, c * words, words, ruleIds, count, scratch),
      };
      // Which of `f` are unknown, so tooltips keep "data missing" apart from "not met" (rare: only then).
      if (unknown[c]! > 0) cells[c]!.m = unknownIds(batch, c, ruleIds);
    }
    return { key: source.key, label: source.label, cells };
  });
  return { groups, rows };
}

/**
 * The ids of the rules marked in a cell's words of the row's mask (`TargetBatch.notPassingMask`),
 * in slot order. Fresh for every cell (superjson would annotate each repeated reference). Short
 * lists are array literals: their allocation sites let V8 allocate a million long-lived arrays
 * straight into old space instead of copying them through the young generation.
 */
function failedIds(mask: Uint32Array, at: number, words: number, ids: string[], count: number, s: string[]): string[] {
  let j = 0;
  for (let w = 0; w < words; w++) {
    // Lowest set bit first: slot order.
    for (let m = mask[at + w]!; m !== 0; m &= m - 1) s[j++] = ids[(w << 5) + 31 - Math.clz32(m & -m)]!;
  }
  switch (count) {
    case 1: return [s[0]!];
    case 2: return [s[0]!, s[1]!];
    case 3: return [s[0]!, s[1]!, s[2]!];
    case 4: return [s[0]!, s[1]!, s[2]!, s[3]!];
    case 5: return [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!];
    case 6: return [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!];
    default: return s.slice(0, count);
  }
}

function unknownIds(batch: TargetBatch, target: number, ids: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) if (batch.statusOf(target, i) === UNKNOWN) out.push(ids[i]!);
  return out;
}
