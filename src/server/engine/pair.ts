import { ACC, generateBatch, interpretBatch, type BatchFunction, type BatchItem } from "./batch";
import type { CompiledRuleSet } from "./compile";
import { fold } from "./ir";
import { lookupPath, truthy } from "./reference";
import { STATUS } from "./status";
import type { PairContext, Verdict } from "./types";

const { FAIL, PASS, UNKNOWN } = STATUS;
const { REQUIRED_FAIL, REQUIRED_UNKNOWN, NOT_PASSING, PASS_WEIGHT, UNKNOWN: UNKNOWNS, SIZE } = ACC;

/**
 * How a source's rules are prepared. All three fold the source into every rule first, and settle
 * the rules that become constant once for all targets. What is left runs:
 * - `shared`: through the rule set's one generated function (compiled once per rule set and kept
 *   hot by the JIT across requests; the default);
 * - `codegen`: through a function generated for this source from the folded rules (fewer
 *   operations per target, but new code the JIT must optimise again for every source);
 * - `interpret`: by walking the folded trees (no set-up; for a handful of targets).
 */
export type EvaluationMode = "codegen" | "interpret" | "shared";

export type UnknownRequiredPolicy = "partial" | "incompatible";

/**
 * Evaluates every rule of a compiled set for one fixed source against any number of targets.
 * After `run`, `status[i]` holds FAIL/PASS/UNKNOWN for rule i and `score`/`unknown` describe the
 * pair. Not re-entrant: read the results before the next `run`.
 */
export class PairEvaluator {
  readonly status: Uint8Array;
  score = 1;
  unknown = false;
  notPassing = 0;

  private readonly batch: BatchFunction;
  /** Rules that still depend on the target (the rest were settled while folding). */
  private readonly active: Uint8Array;
  private readonly acc = new Float64Array(SIZE);
  /** Totals of the rules settled while folding (they do not depend on the target). */
  private readonly base = new Float64Array(SIZE);
  private readonly strictUnknown: boolean;
  private readonly optionalWeight: number;

  constructor(compiled: CompiledRuleSet, source: Record<string, unknown>, mode: EvaluationMode, unknownRequired: UnknownRequiredPolicy) {
    const rules = compiled.rules;
    this.status = new Uint8Array(rules.length);
    this.optionalWeight = compiled.optionalWeight;
    this.strictUnknown = unknownRequired === "incompatible";
    const known = { source };
    const items: BatchItem[] = [];
    rules.forEach((rule, i) => {
      const required = rule.info.required;
      const weight = required ? 0 : rule.info.weight;
      const sourceMissing = rule.varProps.some((p) => p[0] === "source" && lookupPath(known, p, null) === null);
      const targetPaths = rule.varProps.filter((p) => p[0] !== "source");
      const folded = fold(rule.node, { source });
      const fails = folded.k === "throw" || (folded.k === "const" && !truthy(folded.v));
      if (folded.k === "const" && !fails) this.settle(i, PASS, required, weight);
      else if (fails && sourceMissing) this.settle(i, UNKNOWN, required, weight);
      else if (fails && targetPaths.length === 0) this.settle(i, FAIL, required, weight);
      // Still depends on the target: on its values, or (for a rule that always fails) on whether its data is missing.
      else items.push({ node: fails ? { k: "const", v: false } : folded, unknownIfFalse: sourceMissing, missingPaths: targetPaths, slot: i, required, weight });
    });
    this.batch = mode === "shared" ? compiled.sharedBatch() : mode === "codegen" ? generateBatch(items) : interpretBatch(items);
    this.active = new Uint8Array(rules.length);
    for (const item of items) this.active[item.slot] = 1;
  }

  private settle(i: number, status: number, required: boolean, weight: number): void {
    this.status[i] = status;
    const b = this.base;
    if (status === PASS) {
      b[PASS_WEIGHT]! += weight;
      return;
    }
    b[NOT_PASSING]!++;
    if (status === UNKNOWN) {
      b[UNKNOWNS]!++;
      if (required) b[REQUIRED_UNKNOWN]!++;
    } else if (required) b[REQUIRED_FAIL]!++;
  }

  /** Evaluates all rules for `ctx` (whose `source` must be the source this evaluator was built for). */
  run(ctx: PairContext): Verdict {
    const acc = this.acc, base = this.base;
    for (let k = 0; k < SIZE; k++) acc[k] = base[k]!;
    this.batch(ctx, this.status, acc, this.active);
    this.score = this.optionalWeight > 0 ? acc[PASS_WEIGHT]! / this.optionalWeight : 1;
    this.unknown = acc[UNKNOWNS]! > 0;
    this.notPassing = acc[NOT_PASSING]!;
    return verdictOf(acc[REQUIRED_FAIL]!, acc[REQUIRED_UNKNOWN]!, this.notPassing, this.strictUnknown);
  }
}

/**
 * The verdict rule: a failing required rule → 0; an unknown required rule → at most 1 (0 under the
 * `incompatible` policy); otherwise 2 only when every rule passes.
 */
export function verdictOf(requiredFail: number, requiredUnknown: number, notPassing: number, strictUnknown: boolean): Verdict {
  if (requiredFail > 0) return 0;
  if (requiredUnknown > 0) return strictUnknown ? 0 : 1;
  return notPassing === 0 ? 2 : 1;
}
