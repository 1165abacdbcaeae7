import { generateBatch, type BatchFunction } from "./codegen";
import type { CompiledRuleSet } from "./compile";
import { interpret } from "./interpret";
import { fold, type Node } from "./ir";
import { lookupPath, truthy } from "./reference";
import type { FeatureStatus, PairContext, Verdict } from "./types";

export const FAIL = 0;
export const PASS = 1;
export const UNKNOWN = 2;
export const STATUS_NAMES: readonly FeatureStatus[] = ["fail", "pass", "unknown"];

/**
 * How a source's rules are prepared:
 * - `codegen`: fold the source into each rule, generate one function for what is left (best when
 *   one source meets many targets);
 * - `interpret`: fold, then walk the folded trees (cheapest set-up, for a handful of targets);
 * - `shared`: no folding, reuse the rule set's one generated function (best when many sources each
 *   meet a few thousand targets: no per-source code generation).
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

  private readonly dynamic: number[] = [];
  private readonly batch: BatchFunction;
  private readonly out: Uint8Array;
  /** Rules that fail whatever the target, but are unknown when one of their target vars is missing. */
  private readonly failUnlessMissing: number[] = [];
  private readonly sourceMissing: boolean[];
  private readonly targetProps: string[][][];
  private readonly required: boolean[];
  private readonly weight: number[];
  private readonly strictUnknown: boolean;
  private readonly optionalWeight: number;
  private base = { requiredFail: 0, requiredUnknown: 0, notPassing: 0, passWeight: 0, unknown: false };

  constructor(compiled: CompiledRuleSet, source: Record<string, unknown>, mode: EvaluationMode, unknownRequired: UnknownRequiredPolicy) {
    const rules = compiled.rules;
    const known = { source };
    this.status = new Uint8Array(rules.length);
    this.required = rules.map((r) => r.info.required);
    this.weight = rules.map((r) => (r.info.required ? 0 : r.info.weight));
    this.optionalWeight = compiled.optionalWeight;
    this.strictUnknown = unknownRequired === "incompatible";
    this.sourceMissing = rules.map((r) => r.varProps.some((p) => p[0] === "source" && lookupPath(known, p, null) === null));
    this.targetProps = rules.map((r) => r.varProps.filter((p) => p[0] !== "source"));

    if (mode === "shared") {
      rules.forEach((_, i) => this.dynamic.push(i));
      this.batch = compiled.sharedBatch();
    } else {
      const residual: Node[] = [];
      rules.forEach((rule, i) => {
        const folded = fold(rule.node, { source });
        if (folded.k === "const" && truthy(folded.v)) this.settle(i, PASS);
        else if (folded.k === "const" || folded.k === "throw") this.settleFailure(i);
        else {
          this.dynamic.push(i);
          residual.push(folded);
        }
      });
      this.batch = mode === "codegen" ? generateBatch(residual) : interpretBatch(residual);
    }
    this.out = new Uint8Array(this.dynamic.length);
  }

  private settle(i: number, status: number): void {
    this.status[i] = status;
    const b = this.base;
    if (status === PASS) {
      b.passWeight += this.weight[i]!;
      return;
    }
    b.notPassing++;
    if (status === UNKNOWN) {
      b.unknown = true;
      if (this.required[i]) b.requiredUnknown++;
    } else if (this.required[i]) b.requiredFail++;
  }

  private settleFailure(i: number): void {
    if (this.sourceMissing[i]) this.settle(i, UNKNOWN);
    else if (this.targetProps[i]!.length === 0) this.settle(i, FAIL);
    else this.failUnlessMissing.push(i);
  }

  private targetMissing(i: number, ctx: PairContext): boolean {
    const props = this.targetProps[i]!;
    for (let j = 0; j < props.length; j++) if (lookupPath(ctx, props[j]!, null) === null) return true;
    return false;
  }

  /** Evaluates all rules for `ctx` (whose `source` must be the source this evaluator was built for). */
  run(ctx: PairContext): Verdict {
    const b = this.base;
    const status = this.status;
    let requiredFail = b.requiredFail, requiredUnknown = b.requiredUnknown, notPassing = b.notPassing;
    let passWeight = b.passWeight, unknown = b.unknown;
    const failing = this.failUnlessMissing;
    for (let k = 0; k < failing.length; k++) {
      const i = failing[k]!;
      notPassing++;
      if (this.targetMissing(i, ctx)) {
        status[i] = UNKNOWN;
        unknown = true;
        if (this.required[i]) requiredUnknown++;
      } else {
        status[i] = FAIL;
        if (this.required[i]) requiredFail++;
      }
    }
    const out = this.out;
    const dynamic = this.dynamic;
    this.batch(ctx, out);
    for (let k = 0; k < dynamic.length; k++) {
      const i = dynamic[k]!;
      if (out[k] === 1) {
        status[i] = PASS;
        passWeight += this.weight[i]!;
        continue;
      }
      notPassing++;
      if (this.sourceMissing[i] || this.targetMissing(i, ctx)) {
        status[i] = UNKNOWN;
        unknown = true;
        if (this.required[i]) requiredUnknown++;
      } else {
        status[i] = FAIL;
        if (this.required[i]) requiredFail++;
      }
    }
    this.score = this.optionalWeight > 0 ? passWeight / this.optionalWeight : 1;
    this.unknown = unknown;
    this.notPassing = notPassing;
    return verdictOf(requiredFail, requiredUnknown, notPassing, this.strictUnknown);
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

function interpretBatch(nodes: Node[]): BatchFunction {
  return (ctx, out) => {
    for (let i = 0; i < nodes.length; i++) {
      try {
        out[i] = truthy(interpret(nodes[i]!, ctx)) ? 1 : 0;
      } catch {
        out[i] = 0;
      }
    }
  };
}
