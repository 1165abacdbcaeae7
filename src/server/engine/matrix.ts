import type { CompiledRuleSet } from "./compile";
import { sourceContext, targetContext, targetGroup } from "./context";
import { groupRanks, labelRanks } from "./order";
import { OverrideIndex } from "./overrides";
import { PASS, PairEvaluator, type EvaluationMode } from "./pair";
import type { DevicePolicy } from "./policy";
import type { MatrixCell, MatrixGroup, MatrixRow, MatrixSlice, OverrideSpec, PairContext, SourceRecord, TargetRecord } from "./types";

export interface EvaluateMatrixInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  /** The rows to compute (a slice of the source dataset), in display order. */
  sources: SourceRecord[];
  targets: TargetRecord[];
  devicePolicy: DevicePolicy;
}

/**
 * Many sources each meeting every target: one shared generated function (optimised once by the
 * JIT) beats generating code per source. Measured in bench/engine.ts.
 */
const MATRIX_MODE: EvaluationMode = "shared";

/** Shared by every cell without failures; frozen so an accidental push fails loudly. */
const NO_FAILURES = Object.freeze([]) as unknown as string[];

/**
 * Computes a sources × targets grid. Columns are grouped by `devicePolicy.groupBy` (groups by
 * name, targets lacking the field in a last group named ""), targets ordered by label within a
 * group; each row's cells follow that column order. `hideIncompatible`, `sort` and `pageSize` do
 * not apply to a matrix: the caller slices rows.
 */
export function evaluateMatrix(input: EvaluateMatrixInput): MatrixSlice {
  const { compiled, sources, targets, devicePolicy } = input;
  const groupNames = targets.map((t) => targetGroup(t, devicePolicy.groupBy));
  const gRank = groupRanks(groupNames);
  const lRank = labelRanks(targets.map((t) => t.label), targets.map((t) => t.key));
  const columns = targets.map((_, i) => i).sort((a, b) => gRank[a]! - gRank[b]! || lRank[a]! - lRank[b]!);

  const groups: MatrixGroup[] = [];
  for (const i of columns) {
    const name = groupNames[i] ?? "";
    const last = groups[groups.length - 1];
    if (last && last.name === name) last.targetKeys.push(targets[i]!.key);
    else groups.push({ name, targetKeys: [targets[i]!.key] });
  }

  const overrides = new OverrideIndex(input.overrides);
  const ruleIds = compiled.rules.map((r) => r.info.id);
  const columnTargets = columns.map((i) => targets[i]!);
  const columnCtx = columnTargets.map(targetContext);
  const rows: MatrixRow[] = sources.map((source) => {
    const sctx = sourceContext(source);
    const pe = new PairEvaluator(compiled, sctx, MATRIX_MODE, devicePolicy.unknownRequired);
    const ctx: PairContext = { source: sctx, target: {} };
    const cells = new Array<MatrixCell>(columnCtx.length);
    for (let c = 0; c < columnCtx.length; c++) {
      ctx.target = columnCtx[c]!;
      const computed = pe.run(ctx);
      const override = overrides.find(source.key, columnTargets[c]!.key);
      cells[c] = {
        v: override ? override.verdict : computed,
        u: pe.unknown,
        o: override !== null,
        f: pe.notPassing === 0 ? NO_FAILURES : failedIds(pe.status, ruleIds),
      };
    }
    return { key: source.key, label: source.label, cells };
  });
  return { groups, rows };
}

function failedIds(status: Uint8Array, ids: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < status.length; i++) if (status[i] !== PASS) out.push(ids[i]!);
  return out;
}
