import type { CompiledRule, CompiledRuleSet, PreparedRule } from "./compile";
import { interpretKernel, kernelCode, kernels, ruleKernelText, type KernelArgs, type KernelCode, type RuleKernel, type Totals } from "./kernels";
import type { Dictionary } from "./columns";
import { prepareRule } from "./prepare";
import * as semantics from "./semantics";
import type { StatusTotals } from "./semantics";
import { STATUS } from "./status";
import { addClusters, MAX_TABLE_RULES, planTables, tablesAllowed, TargetList, unpackCounts, type KeyedRule, type TableRule } from "./tables";
import type { PairContext, Verdict } from "./types";

const { FAIL, PASS, UNKNOWN } = STATUS;
const NO_CONTEXTS: readonly unknown[] = [];
const NO_COLUMNS: readonly (readonly unknown[])[] = [];
const NO_CONSTANTS: readonly unknown[] = [];

/** Each folding's kernel, per guard mode (see `KernelRun`). */
const kernelOf = { auto: new WeakMap<PreparedRule, KernelRun>(), guarded: new WeakMap<PreparedRule, KernelRun>() };
/** Derived data per list of targets given to a batch (tables.ts), so every batch over the same list — every request of a selection, every row of a matrix — builds it once. */
const lists = new WeakMap<object, TargetList>();

// Local bindings: some transpilers turn calls of imported functions into getter calls, which the
// per-target loop cannot afford.
const { addStatus, scoreOf, verdictOf } = semantics;

/**
 * How the rules that still depend on the target run, once the source is folded in:
 * - `kernel`: status tables where a rule reads a few target columns (tables.ts), else generated
 *   code, one small function per rule looping over all targets (kernels.ts);
 * - `interpret`: walking the folded trees (no code to generate: for a handful of targets).
 */
export type EvaluationMode = "kernel" | "interpret";

export type UnknownRequiredPolicy = "partial" | "incompatible";

/** Targets per tile: every kernel runs over a tile before the next (it stays in the CPU cache). */
const TILE = 256;

interface ActiveRule {
  slot: number;
  rule: CompiledRule;
  prepared: PreparedRule;
}

type KeyedActive = KeyedRule & { member: ActiveRule };

/**
 * One rule's generated kernel, remembered per prepared folding (per guard mode) and reused
 * while the slot is the same — a source whose rule folds as an earlier one's did costs no code
 * generation and no cache lookup.
 */
interface KernelRun {
  member: ActiveRule;
  /** Null in interpret mode. */
  code: KernelCode | null;
  /** Null in interpret mode or where code generation is unavailable: the rule is interpreted. */
  fn: RuleKernel | null;
  /** The rule catches its own throws (a throw out of the kernel is then a bug, not data). */
  guarded: boolean;
  args: Omit<KernelArgs, "cols">;
}

/**
 * Evaluates every rule of a compiled set for one source at a time against a fixed list of targets.
 * After `run(source)`: `verdict[i]`, `score[i]`, `statusOf(i, rule)` and the totals describe the
 * pair (source, target i). Not re-entrant: read the results before the next `run`.
 */
export class TargetBatch {
  readonly n: number;
  readonly verdict: Uint8Array;
  readonly score: Float64Array;
  readonly totals: Totals;
  /** Per rule: the status the source settled for every target, or -1. */
  private readonly settled: Int8Array;
  /** Per rule: its status table in the last run, or null (tables.ts). */
  private readonly tabled: (TableRule | null)[];
  /** Pair contexts, built only when a rule reads more than the target (see `pairs`). */
  private contexts: unknown[] | null;
  private readonly targets: unknown[];
  /** The batch built its own pair contexts (run() sets their source). */
  private readonly ownPairs: boolean;
  private readonly strictUnknown: boolean;
  private source: unknown = undefined;
  private readonly list: TargetList;
  /** Room for the packed counts of the table rules per target (tables.ts), reused across runs. */
  private packed: Float64Array | null = null;

  constructor(
    private readonly compiled: CompiledRuleSet,
    input: { targets: readonly Record<string, unknown>[] } | { contexts: readonly unknown[] },
    private readonly options: { mode: EvaluationMode; unknownRequired: UnknownRequiredPolicy; guard?: "auto" | "always" },
  ) {
    if ("targets" in input) {
      this.targets = input.targets.slice();
      this.contexts = null;
      this.ownPairs = true;
      let list = lists.get(input.targets);
      if (!list) lists.set(input.targets, (list = new TargetList(this.targets)));
      this.list = list;
    } else {
      this.contexts = input.contexts.slice();
      this.targets = input.contexts.map((c) => (c == null ? undefined : (c as { target?: unknown }).target));
      this.ownPairs = false;
      this.list = new TargetList(this.targets);
    }
    const n = (this.n = this.targets.length);
    const rules = compiled.rules.length;
    this.verdict = new Uint8Array(n);
    this.score = new Float64Array(n);
    this.settled = new Int8Array(rules);
    this.tabled = new Array<TableRule | null>(rules).fill(null);
    this.strictUnknown = options.unknownRequired === "incompatible";
    this.totals = {
      status: new Uint8Array(n * rules),
      rules,
      targets: n,
      passWeight: new Float64Array(n),
      notPassing: new Int32Array(n),
      requiredFail: new Int32Array(n),
      requiredUnknown: new Int32Array(n),
      unknown: new Int32Array(n),
      at: 0,
    };
  }

  /** How many rules status tables answered in the last run (tables.ts). */
  get tableRuleCount(): number {
    return this.tabled.reduce((k, t) => (t ? k + 1 : k), 0);
  }

  /** Status of rule `slot` for target `i` after the last run. */
  statusOf(i: number, slot: number): number {
    const s = this.settled[slot]!;
    if (s >= 0) return s;
    const t = this.tabled[slot];
    return t ? t.table[t.key.codes[i]!]! : this.totals.status[slot * this.n + i]!;
  }

  /**
   * Marks the rules that did not pass in the last run: for target i, bit `slot & 31` of
   * `out[i * words + (slot >> 5)]`, with `words = ceil(rules / 32)`. Rule by rule over typed arrays,
   * so a matrix row lists its cells' failing rules without a `statusOf` call per rule and cell.
   */
  notPassingMask(out: Uint32Array): void {
    const n = this.n, rules = this.settled.length, words = (rules + 31) >> 5, status = this.totals.status;
    out.fill(0, 0, n * words);
    // Bit per status (FAIL, PASS, UNKNOWN) and per code: lookups instead of branches on random statuses.
    const byStatus = new Int32Array(3);
    for (let slot = 0; slot < rules; slot++) {
      const w = slot >> 5, bit = 1 << (slot & 31), settled = this.settled[slot]!, t = this.tabled[slot];
      if (settled >= 0) {
        if (settled !== PASS) for (let i = 0; i < n; i++) out[i * words + w]! |= bit;
      } else if (t) {
        const { table, key } = t, codes = key.codes, bits = new Int32Array(table.length);
        for (let c = 0; c < table.length; c++) bits[c] = table[c] === PASS ? 0 : bit;
        for (let i = 0; i < n; i++) out[i * words + w]! |= bits[codes[i]!]!;
      } else {
        byStatus[FAIL] = byStatus[UNKNOWN] = bit;
        for (let i = 0, at = slot * n; i < n; i++) out[i * words + w]! |= byStatus[status[at + i]!]!;
      }
    }
  }

  /**
   * Evaluates `source` against every target. With `contexts` given to the constructor, each
   * context's own `source` must be `source` (it is only folded in here).
   */
  run(source: unknown): void {
    const { rules, optionalWeight } = this.compiled;
    const n = this.n;
    this.source = source;
    if (this.ownPairs && this.contexts) for (let i = 0; i < n; i++) (this.contexts[i] as PairContext).source = source as Record<string, unknown>;
    const base: StatusTotals = { requiredFail: 0, requiredUnknown: 0, notPassing: 0, passWeight: 0 };
    let baseUnknown = 0;
    const active: ActiveRule[] = [];
    this.tabled.fill(null);
    for (let slot = 0; slot < rules.length; slot++) {
      const rule = rules[slot]!;
      const prepared = prepareRule(rule, source);
      this.settled[slot] = prepared.status;
      if (prepared.status === -1) active.push({ slot, rule, prepared });
      else {
        addStatus(base, prepared.status, rule.info.required, rule.info.weight);
        if (prepared.status === UNKNOWN) baseUnknown++;
      }
    }
    const t = this.totals;
    t.passWeight.fill(base.passWeight);
    t.notPassing.fill(base.notPassing);
    t.requiredFail.fill(base.requiredFail);
    t.requiredUnknown.fill(base.requiredUnknown);
    t.unknown.fill(baseUnknown);

    if (active.length > 0 && n > 0) {
      const { left, packed } = this.tableRules(active);
      const groups = this.kernelsFor(left);
      const args = groups.map(({ fn, code, args }): KernelArgs => ({ ...args, cols: fn && code && code.columns.length > 0 ? code.columns.map((p, k) => this.list.column(code.columnKeys[k]!, p).values) : NO_COLUMNS }));
      for (let from = 0; from < n; from += TILE) {
        const to = Math.min(n, from + TILE);
        for (let k = 0; k < groups.length; k++) this.runKernel(groups[k]!, args[k]!, from, to);
      }
      if (packed) unpackCounts(packed, t.notPassing, t.unknown, t.requiredUnknown, t.requiredFail);
    }
    const verdict = this.verdict, score = this.score, strict = this.strictUnknown;
    for (let i = 0; i < n; i++) {
      verdict[i] = verdictOf(t.requiredFail[i]!, t.requiredUnknown[i]!, t.notPassing[i]!, strict);
      score[i] = scoreOf(t.passWeight[i]!, optionalWeight);
    }
  }

  /**
   * Answers the active rules that status tables can (tables.ts): adds their clusters' pass weights
   * to the totals and returns their packed counts (null when no table answered this run), and the
   * rules left for kernels, in slot order.
   */
  private tableRules(active: ActiveRule[]): { left: ActiveRule[]; packed: Float64Array | null } {
    const none = { left: active, packed: null };
    if (this.options.mode !== "kernel" || this.options.guard === "always" || !tablesAllowed(this.compiled)) return none;
    const left: ActiveRule[] = [];
    const keyed: KeyedActive[] = [];
    let id = "";
    for (const a of active) {
      const key = keyed.length < MAX_TABLE_RULES ? this.list.keyFor((a.prepared.code ??= kernelCode(a.prepared.node, a.rule.targetPaths))) : null;
      if (!key) left.push(a);
      else {
        const required = a.rule.info.required ? 1 : 0;
        keyed.push({ member: a, slot: a.slot, prepared: a.prepared, required, weight: required ? 0 : a.rule.info.weight, key });
        id += `${a.prepared.id},`;
      }
    }
    if (keyed.length === 0) return none;
    const plan = this.list.plan(id, () => planTables(this.list, keyed, (missing) => this.tables(missing)));
    for (const r of plan.rules) this.tabled[r.slot] = r;
    const packed = (this.packed ??= new Float64Array(this.n));
    packed.fill(0);
    addClusters(plan.clusters, this.n, this.totals.passWeight, packed);
    return { left, packed };
  }

  /** The tables of `missing`, by their rules' own kernels compiled together. */
  private tables(missing: readonly KeyedActive[]): Uint8Array[] {
    const kernels = this.kernelsFor(missing.map((k) => k.member));
    return missing.map((k, j) => this.table(kernels[j]!, k.key));
  }

  /**
   * A rule's status per code of `key`: its kernel run over the first target holding each code (the
   * interpreter where there is no kernel, or should one throw).
   */
  private table(g: KernelRun, key: Dictionary): Uint8Array {
    const reps = key.representatives;
    const d = reps.length;
    const scratch: Totals = { status: new Uint8Array(d), rules: 1, targets: d, passWeight: new Float64Array(d), notPassing: new Int32Array(d), requiredFail: new Int32Array(d), requiredUnknown: new Int32Array(d), unknown: new Int32Array(d), at: 0 };
    const { member, fn, code } = g;
    let done = false;
    if (fn && code) {
      const cols = code.columns.map((p, k) => {
        const values = this.list.column(code.columnKeys[k]!, p).values;
        return reps.map((i) => values[i]);
      });
      try {
        fn(NO_CONTEXTS, NO_CONTEXTS, 0, d, scratch, { ...g.args, slot: 0, cols });
        done = true;
      } catch {
        // Dictionary values are primitives and lists of them, on which kernels do not throw; if one did, the interpreter decides.
      }
    }
    if (!done) {
      const contexts = reps.map((i) => (this.ownPairs ? { source: this.source, target: this.targets[i] } : this.contexts![i]));
      interpretKernel(member.prepared.node, member.rule.targetPaths)(contexts, NO_CONTEXTS, 0, d, NO_CONSTANTS, scratch, 0, 0, 0, member.prepared.unknownIfFalse, NO_COLUMNS);
    }
    return scratch.status;
  }

  /** Runs one rule's kernel over targets [from, to); a throw out of an unguarded kernel counts that target as the interpreter does (see kernels.ts). */
  private runKernel(g: KernelRun, args: KernelArgs, from: number, to: number): void {
    const t = this.totals;
    const { slot, req, w, uf } = g.args;
    const interpretOver = (a: number, b: number) => interpretKernel(g.member.prepared.node, g.member.rule.targetPaths)(this.pairs(), this.targets, a, b, NO_CONSTANTS, t, slot, req, w, uf, NO_COLUMNS);
    if (!g.fn || !g.code) return interpretOver(from, to);
    for (let start = from; start < to; ) {
      try {
        g.fn(g.code.needsContext ? this.pairs() : NO_CONTEXTS, this.targets, start, to, t, args);
        return;
      } catch (e) {
        if (g.guarded) throw e;
        // The kernel writes a target's status and totals after the rule's answer: none of target `at`'s are written yet.
        const at = t.at;
        interpretOver(at, at + 1);
        start = at + 1;
      }
    }
  }

  /** The pair contexts (built on first need: most rules read only the target once the source is folded in). */
  private pairs(): unknown[] {
    if (!this.contexts) {
      const source = this.source as Record<string, unknown>;
      this.contexts = this.targets.map((target): PairContext => ({ source, target: target as Record<string, unknown> }));
    }
    return this.contexts;
  }

  /** One kernel per rule left (interpreted in interpret mode), remembered on the rule's folding. */
  private kernelsFor(active: ActiveRule[]): KernelRun[] {
    const interpret = this.options.mode === "interpret";
    const mode = this.options.guard === "always" ? "guarded" : "auto";
    const groups: KernelRun[] = [];
    const toCompile: { group: KernelRun; text: string }[] = [];
    for (const member of active) {
      const { prepared, slot, rule } = member;
      const known = interpret ? undefined : kernelOf[mode].get(prepared);
      if (known && known.member.slot === slot) {
        groups.push(known);
        continue;
      }
      const code = interpret ? null : (prepared.code ??= kernelCode(prepared.node, rule.targetPaths));
      const required = rule.info.required ? 1 : 0;
      const g: KernelRun = { member, code, fn: null, guarded: !code || code.mayThrow || mode === "guarded", args: { K: code?.K ?? NO_CONSTANTS, slot, req: required, w: required ? 0 : rule.info.weight, uf: prepared.unknownIfFalse } };
      groups.push(g);
      if (!code) continue;
      kernelOf[mode].set(prepared, g);
      toCompile.push({ group: g, text: ruleKernelText(code, g.guarded) });
    }
    if (toCompile.length > 0) {
      const fns = kernels(toCompile.map((c) => c.text));
      toCompile.forEach(({ group: g }, k) => (g.fn = fns[k] ?? null));
    }
    return groups;
  }
}
