import type { CompiledRuleSet } from "./compile";
import { cachedTargetContexts, pairContext, sourceContexts, targetGroup } from "./context";
import { explainRule } from "./explain";
import { cachedLabelRanks, groupRanks, isBetterRepresentative, sortTargets } from "./order";
import { OverrideIndex } from "./overrides";
import { TargetBatch, type EvaluationMode } from "./batch";
import { PairEvaluator } from "./pair";
import { STATUS, STATUS_NAMES } from "./status";
import { MAX_PAGE_SIZE, type DevicePolicy, type SelectionPolicy } from "./policy";
import type { FeatureResult, Messaging, OverrideSpec, PairContext, ResultPayload, SourceRecord, TargetRecord, TargetResult, Verdict } from "./types";

/** Below this many targets, walking the folded rules beats generating kernels. */
const GENERATED_MIN_TARGETS = 64;

function modeFor(targetCount: number): EvaluationMode {
  return targetCount >= GENERATED_MIN_TARGETS ? "kernel" : "interpret";
}

export interface EvaluateSelectionInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  /** Every source row the selection path matched (results are aggregated over them). */
  sources: SourceRecord[];
  targets: TargetRecord[];
  selectionPolicy: SelectionPolicy;
  devicePolicy: DevicePolicy;
  messaging: Messaging;
  /** 1-based; clamped into range. */
  page: number;
}

/**
 * Evaluates a Finder selection: every matched source against every target, one representative
 * source per target (`worst` or `best`, ties to the earlier source), overrides applied, then
 * filtered, sorted and paged per device policy. Only the returned page carries full breakdowns.
 */
export function evaluateSelection(input: EvaluateSelectionInput): ResultPayload {
  const { compiled, sources, targets, devicePolicy, messaging } = input;
  const pageSize = Math.min(Math.max(1, Math.floor(devicePolicy.pageSize) || 1), MAX_PAGE_SIZE);
  const n = sources.length === 0 ? 0 : targets.length;

  const overrides = new OverrideIndex(input.overrides);
  const targetCtx = cachedTargetContexts(targets);
  const sourceCtx = sourceContexts(sources);
  const verdict = new Uint8Array(n);
  const computed = new Uint8Array(n);
  const score = new Float64Array(n);
  const representative = new Int32Array(n).fill(-1);
  const batch = new TargetBatch(compiled, { targets: n === 0 ? [] : targetCtx }, { mode: modeFor(n), unknownRequired: devicePolicy.unknownRequired });

  for (let s = 0; s < sources.length && n > 0; s++) {
    const source = sources[s]!;
    batch.run(sourceCtx[s]!);
    for (let i = 0; i < n; i++) {
      const cv = batch.verdict[i] as Verdict;
      const sc = batch.score[i]!;
      const override = overrides.find(source.key, targets[i]!.key);
      const v = override ? override.verdict : cv;
      if (representative[i] === -1 || isBetterRepresentative(input.selectionPolicy.aggregate, v, sc, verdict[i]!, score[i]!)) {
        representative[i] = s;
        verdict[i] = v;
        computed[i] = cv;
        score[i] = sc;
      }
    }
  }

  const counts = { compatible: 0, partial: 0, incompatible: 0, total: n };
  let overall: Verdict | null = null;
  for (let i = 0; i < n; i++) {
    const v = verdict[i] as Verdict;
    if (v === 2) counts.compatible++;
    else if (v === 1) counts.partial++;
    else counts.incompatible++;
    if (overall === null || v > overall) overall = v;
  }

  const groups = targets.map((t) => targetGroup(t, devicePolicy.groupBy));
  let listed = Array.from({ length: n }, (_, i) => i);
  if (devicePolicy.hideIncompatible) listed = listed.filter((i) => verdict[i] !== 0);
  sortTargets(
    listed,
    {
      verdict,
      score,
      labelRank: cachedLabelRanks(targets),
      groupRank: devicePolicy.groupBy === null ? null : groupRanks(groups),
    },
    devicePolicy.sort,
  );

  const totalTargets = listed.length;
  const totalPages = Math.max(1, Math.ceil(totalTargets / pageSize));
  const page = Math.min(Math.max(1, Math.floor(input.page) || 1), totalPages);
  const pageItems = listed.slice((page - 1) * pageSize, page * pageSize).map((i) => {
    const s = representative[i]!;
    const source = sources[s]!;
    const target = targets[i]!;
    const ctx: PairContext = { source: sourceCtx[s]!, target: targetCtx[i]! };
    // The batch holds the last source's statuses; with several sources, evaluate the pair again.
    const status = sources.length === 1 ? (r: number) => batch.statusOf(i, r) : pairStatuses(compiled, ctx, devicePolicy.unknownRequired);
    const override = overrides.find(source.key, target.key);
    return {
      key: target.key,
      label: target.label,
      group: groups[i]!,
      verdict: verdict[i] as Verdict,
      computedVerdict: computed[i] as Verdict,
      score: score[i]!,
      overridden: override !== null,
      note: override?.note ?? null,
      sourceKey: source.key,
      features: featureResults(compiled, status, ctx),
    };
  });

  return {
    verdict: overall,
    headline: overall === null ? "" : headline(messaging, overall),
    counts,
    features: compiled.features.map((f) => ({ ...f })),
    targets: pageItems,
    page,
    pageSize,
    totalTargets,
    totalPages,
    matchedSources: sources.length,
  };
}

/** The message for an overall verdict. */
export function headline(messaging: Messaging, verdict: Verdict): string {
  return verdict === 2 ? messaging.headline2 : verdict === 1 ? messaging.headline1 : messaging.headline0;
}

function pairStatuses(compiled: CompiledRuleSet, ctx: PairContext, unknownRequired: DevicePolicy["unknownRequired"]): (rule: number) => number {
  const pe = new PairEvaluator(compiled, ctx.source, "interpret", unknownRequired);
  pe.run(ctx);
  return (r) => pe.status[r]!;
}

function featureResults(compiled: CompiledRuleSet, statusOf: (rule: number) => number, ctx: PairContext): FeatureResult[] {
  return compiled.rules.map((rule, k) => {
    const status = statusOf(k);
    return {
      ruleId: rule.info.id,
      status: STATUS_NAMES[status]!,
      explanation: status === STATUS.PASS ? null : explainRule(rule, ctx),
    };
  });
}

export interface CheckPairInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  source: SourceRecord;
  target: TargetRecord;
  devicePolicy: DevicePolicy;
}

/** One pair with its full breakdown and the exact context the rules saw. */
export function checkPair(input: CheckPairInput): TargetResult & { context: PairContext } {
  const { compiled, source, target, devicePolicy } = input;
  const context = pairContext(source, target);
  const pe = new PairEvaluator(compiled, context.source, "interpret", devicePolicy.unknownRequired);
  const computedVerdict = pe.run(context);
  const override = new OverrideIndex(input.overrides).find(source.key, target.key);
  return {
    key: target.key,
    label: target.label,
    group: targetGroup(target, devicePolicy.groupBy),
    verdict: override ? override.verdict : computedVerdict,
    computedVerdict,
    score: pe.score,
    overridden: override !== null,
    note: override?.note ?? null,
    sourceKey: source.key,
    features: featureResults(compiled, (r) => pe.status[r]!, context),
    context,
  };
}
