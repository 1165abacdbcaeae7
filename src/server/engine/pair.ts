import type { CompiledRuleSet } from "./compile";
import { TargetBatch, type EvaluationMode, type UnknownRequiredPolicy } from "./batch";
import { verdictOf } from "./semantics";
import type { Verdict } from "./types";

/**
 * One source against one target at a time (checkPair, tests): a batch of one. After `run`,
 * `status[i]` holds FAIL/PASS/UNKNOWN for rule i and `score`/`unknown` describe the pair.
 */
export class PairEvaluator {
  readonly status: Uint8Array;
  score = 1;
  unknown = false;
  notPassing = 0;

  constructor(
    private readonly compiled: CompiledRuleSet,
    private readonly source: unknown,
    private readonly mode: EvaluationMode,
    private readonly unknownRequired: UnknownRequiredPolicy,
    private readonly guard: "auto" | "always" = "auto",
  ) {
    this.status = new Uint8Array(compiled.rules.length);
  }

  /** Evaluates all rules for `ctx` (whose `source` must be the source this evaluator was built for). */
  run(ctx: unknown): Verdict {
    const batch = new TargetBatch(this.compiled, { contexts: [ctx] }, { mode: this.mode, unknownRequired: this.unknownRequired, guard: this.guard });
    batch.run(this.source);
    for (let r = 0; r < this.status.length; r++) this.status[r] = batch.statusOf(0, r);
    this.score = batch.score[0]!;
    this.unknown = batch.totals.unknown[0]! > 0;
    this.notPassing = batch.totals.notPassing[0]!;
    return batch.verdict[0] as Verdict;
  }
}

export { verdictOf };
