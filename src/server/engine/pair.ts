import type { CompiledRule, CompiledRuleSet, PreparedRule } from "./compile";
import { groupKernelText, interpretKernel, kernelCode, kernels, tableRunKernelText, tableTotals, type GroupArgs, type GroupKernel, type KernelCode, type Totals } from "./kernels";
import { Column, type Dictionary } from "./columns";
import { prepareRule } from "./prepare";
import * as semantics from "./semantics";
import type { StatusTotals } from "./semantics";
import { STATUS } from "./status";
import type { PairContext, Verdict } from "./types";

const { UNKNOWN } = STATUS;
const NO_CONTEXTS: readonly unknown[] = [];
const NO_COLUMNS: readonly (readonly unknown[])[] = [];
const NO_CONSTANTS: readonly unknown[] = [];

/**
 * Target columns (codegen.ts `targetColumns`) per list of targets given to a batch, so every batch
 * over the same list — every request of a selection, every row of a matrix — gathers each column
 * once. The list and its rows are treated as immutable once given to a batch (the server hands the
 * engine its cached target lists; contexts are built per list, see context.ts).
 */
const columnsByList = new WeakMap<object, TargetList>();

/** A list of targets' gathered columns, and how many batch runs have used it. */
interface TargetList {
  columns: Map<string, Column>;
  runs: number;
}

/**
 * Status tables from a list's second run on (a selection repeated, a matrix's second row): a
 * first, perhaps only, run over a list would spend more on building dictionaries than it saves.
 */
const TABLES_FROM_RUN = 2;
// Local bindings: some transpilers turn calls of imported functions into getter calls, which the
// per-target loop cannot afford.
const { addStatus, scoreOf, verdictOf } = semantics;

/**
 * How the rules that still depend on the target run, once the source is folded in:
 * - `kernel`: generated code, one small function per rule looping over all targets (kernels.ts);
 * - `interpret`: walking the folded trees (no code to generate: for a handful of targets).
 */
export type EvaluationMode = "kernel" | "interpret";

export type UnknownRequiredPolicy = "partial" | "incompatible";

/** Targets per tile: every rule runs over a tile before the next (it stays in the CPU cache). */
const TILE = 256;

interface ActiveRule {
  slot: number;
  rule: CompiledRule;
  prepared: PreparedRule;
}

/**
 * One generated kernel and the rules it runs (kernels.ts `groupKernelText`): one rule with code,
 * or a run of up to `GROUP` consecutive table rules (see `groupsFor`), remembered on its first member's prepared folding (per guard mode) and
 * reused while the members are the same foldings — a source whose rules fold as an earlier one's
 * did costs no code generation and no cache lookup.
 */
export interface KernelGroup {
  members: readonly ActiveRule[];
  /** Null where code generation is unavailable (or in interpret mode): the members are interpreted. */
  fn: GroupKernel | null;
  /** Every member catches its own throws (a throw out of the kernel is then a bug, not data). */
  guardedAll: boolean;
  needsContext: boolean;
  codes: readonly KernelCode[];
  /** Per member: its status is looked up per distinct value of its one column (columns.ts). */
  tables: readonly boolean[];
  K: readonly (readonly unknown[])[];
  slots: readonly number[];
  req: readonly number[];
  w: readonly number[];
  uf: readonly number[];
  /** A run of table rules: its bookkeeping per member and status (`tableTotals`); null otherwise. */
  tw: Float64Array | null;
  td: Int32Array | null;
}

/** Table rules per generated kernel (see `groupsFor`). */
const GROUP = 8;

/** A run of table rules has the same text for any rules: by length, built once. */
const tableRunTexts: string[] = [];
function tableRunText(length: number): string {
  return (tableRunTexts[length] ??= tableRunKernelText(length));
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
  /** Pair contexts, built only when a rule reads more than the target (see `pairs`). */
  private contexts: unknown[] | null;
  private readonly targets: unknown[];
  /** The batch built its own pair contexts (run() sets their source). */
  private readonly ownPairs: boolean;
  private readonly strictUnknown: boolean;
  private source: unknown = undefined;
  /** Gathered target columns by path key (shared through `columnsByList` when given targets). */
  private readonly list: TargetList;

  constructor(
    private readonly compiled: CompiledRuleSet,
    input: { targets: readonly Record<string, unknown>[] } | { contexts: readonly unknown[] },
    private readonly options: { mode: EvaluationMode; unknownRequired: UnknownRequiredPolicy; guard?: "auto" | "always" },
  ) {
    if ("targets" in input) {
      this.targets = input.targets.slice();
      this.contexts = null;
      this.ownPairs = true;
      let list = columnsByList.get(input.targets);
      if (!list) columnsByList.set(input.targets, (list = { columns: new Map(), runs: 0 }));
      this.list = list;
    } else {
      this.contexts = input.contexts.slice();
      this.targets = input.contexts.map((c) => (c == null ? undefined : (c as { target?: unknown }).target));
      this.ownPairs = false;
      this.list = { columns: new Map(), runs: 0 };
    }
    const n = (this.n = this.targets.length);
    const rules = compiled.rules.length;
    this.verdict = new Uint8Array(n);
    this.score = new Float64Array(n);
    this.settled = new Int8Array(rules);
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

  /** Status of rule `slot` for target `i` after the last run. */
  statusOf(i: number, slot: number): number {
    const s = this.settled[slot]!;
    return s >= 0 ? s : this.totals.status[slot * this.n + i]!;
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
      this.list.runs++;
      const groups = this.groupsFor(active);
      const args = groups.map((g): GroupArgs | null =>
        g.fn
          ? {
              K: g.K,
              slots: g.slots,
              req: g.req,
              w: g.w,
              uf: g.uf,
              cols: g.codes.map((c, j) => (g.tables[j] || c.columns.length === 0 ? NO_COLUMNS : c.columns.map((p, k) => this.column(c.columnKeys[k]!, p).values))),
              tab: g.members.map((m, j) => (g.tables[j] ? this.table(m, this.dictionaryFor(g.codes[j]!)!) : null)),
              codes: g.codes.map((c, j) => (g.tables[j] ? this.dictionaryFor(c)!.codes : null)),
              tw: g.tw,
              td: g.td,
            }
          : null,
      );
      for (let from = 0; from < n; from += TILE) {
        const to = Math.min(n, from + TILE);
        for (let k = 0; k < groups.length; k++) this.runGroup(groups[k]!, args[k]!, from, to);
      }
    }
    const verdict = this.verdict, score = this.score, strict = this.strictUnknown;
    for (let i = 0; i < n; i++) {
      verdict[i] = verdictOf(t.requiredFail[i]!, t.requiredUnknown[i]!, t.notPassing[i]!, strict);
      score[i] = scoreOf(t.passWeight[i]!, optionalWeight);
    }
  }

  /** Runs one group's kernel over targets [from, to); a throw out of a kernel with unguarded members counts that target's members as the interpreter does (see kernels.ts). */
  private runGroup(g: KernelGroup, args: GroupArgs | null, from: number, to: number): void {
    const t = this.totals;
    if (!g.fn || !args) {
      g.members.forEach((m, j) => interpretKernel(m.prepared.node, m.rule.targetPaths)(this.pairs(), this.targets, from, to, NO_CONSTANTS, t, g.slots[j]!, g.req[j]!, g.w[j]!, g.uf[j]!, NO_COLUMNS));
      return;
    }
    for (let start = from; start < to; ) {
      try {
        g.fn(g.needsContext ? this.pairs() : NO_CONTEXTS, this.targets, start, to, t, args);
        return;
      } catch (e) {
        if (g.guardedAll) throw e;
        // The kernel writes a target's totals after all its members: none of target `at`'s are written yet.
        const at = t.at;
        // The members' semantics without generated code.
        g.members.forEach((m, j) => interpretKernel(m.prepared.node, m.rule.targetPaths)(this.pairs(), this.targets, at, at + 1, NO_CONSTANTS, t, g.slots[j]!, g.req[j]!, g.w[j]!, g.uf[j]!, NO_COLUMNS));
        start = at + 1;
      }
    }
  }

  /** The values at `props` of every target, gathered once per list of targets (`columnValue`). */
  private column(key: string, props: readonly string[]): Column {
    let col = this.list.columns.get(key);
    if (!col) this.list.columns.set(key, (col = new Column(this.targets, props)));
    return col;
  }

  /**
   * The dictionary of the one column a rule's code reads, when the rule's status is a function of
   * that value alone (columns.ts): nothing else read from the target or the context, nothing that
   * may throw. Null otherwise, or when the column has too many distinct values.
   */
  private dictionaryFor(code: KernelCode): Dictionary | null {
    if (this.list.runs < TABLES_FROM_RUN || code.columns.length !== 1 || code.usesT || code.needsContext || code.mayThrow) return null;
    return this.column(code.columnKeys[0]!, code.columns[0]!).dictionary();
  }

  /** A rule's status per distinct value of its column: the interpreter on the first target holding each value. */
  private table(member: ActiveRule, dict: Dictionary): Uint8Array {
    const known = dict.tables.get(member.prepared);
    if (known) return known;
    const reps = dict.representatives;
    const d = reps.length;
    const scratch: Totals = { status: new Uint8Array(d), rules: 1, targets: d, passWeight: new Float64Array(d), notPassing: new Int32Array(d), requiredFail: new Int32Array(d), requiredUnknown: new Int32Array(d), unknown: new Int32Array(d), at: 0 };
    const contexts = reps.map((i) => (this.ownPairs ? { source: this.source, target: this.targets[i] } : this.contexts![i]));
    interpretKernel(member.prepared.node, member.rule.targetPaths)(contexts, NO_CONTEXTS, 0, d, NO_CONSTANTS, scratch, 0, 0, 0, member.prepared.unknownIfFalse, NO_COLUMNS);
    dict.tables.set(member.prepared, scratch.status);
    return scratch.status;
  }

  /** The pair contexts (built on first need: most rules read only the target once the source is folded in). */
  private pairs(): unknown[] {
    if (!this.contexts) {
      const source = this.source as Record<string, unknown>;
      this.contexts = this.targets.map((target): PairContext => ({ source, target: target as Record<string, unknown> }));
    }
    return this.contexts;
  }

  /** The kernels for the active rules, one per rule with code, one per run of table rules (see `KernelGroup`). */
  private groupsFor(active: ActiveRule[]): KernelGroup[] {
    const group = (members: ActiveRule[], codes: KernelCode[], tables: boolean[], guardedAll: boolean, needsContext: boolean): KernelGroup => {
      const req = members.map((m) => (m.rule.info.required ? 1 : 0));
      const w = members.map((m) => (m.rule.info.required ? 0 : m.rule.info.weight));
      const totals = tables.length > 0 && tables.every(Boolean) ? tableTotals(w, req) : null;
      return {
        members,
        fn: null,
        guardedAll,
        needsContext,
        codes,
        tables,
        K: codes.map((c) => c.K),
        slots: members.map((m) => m.slot),
        req,
        w,
        uf: members.map((m) => m.prepared.unknownIfFalse),
        tw: totals?.tw ?? null,
        td: totals?.td ?? null,
      };
    };
    if (this.options.mode === "interpret") return active.map((a) => group([a], [], [], true, true));
    const mode = this.options.guard === "always" ? "guarded" : "auto";
    const groups: KernelGroup[] = [];
    const toCompile: { group: KernelGroup; text: string }[] = [];
    const allCodes = active.map((m) => (m.prepared.code ??= kernelCode(m.prepared.node, m.rule.targetPaths)));
    // Tables only in the default mode: the guarded mode is there to run every rule's own code.
    const allTables = allCodes.map((c) => mode === "auto" && this.dictionaryFor(c) !== null);
    for (let k = 0; k < active.length; ) {
      // A rule with code gets its own kernel, whose text depends on its folded shape only, so
      // other selections and matrix rows reuse it; a run of consecutive table rules (at most
      // GROUP) shares one, whose text depends only on the run's length. Rules stay in slot order.
      let end = k + 1;
      if (allTables[k]) while (end < active.length && end - k < GROUP && allTables[end]) end++;
      const members = active.slice(k, end);
      const codes = allCodes.slice(k, end);
      const tables = allTables.slice(k, end);
      k = end;
      const head = members[0]!.prepared;
      const known = head.groups?.[mode];
      if (known && known.members.length === members.length && known.members.every((m, j) => m.prepared === members[j]!.prepared && m.slot === members[j]!.slot && known.tables[j] === tables[j])) {
        groups.push(known);
        continue;
      }
      const spec = codes.map((code, j) => ({ code, table: tables[j]!, guarded: !tables[j] && (code.mayThrow || mode === "guarded") }));
      const g = group(members, codes, tables, spec.every((m) => m.guarded || m.table), codes.some((c, j) => !tables[j] && c.needsContext));
      (head.groups ??= {})[mode] = g;
      toCompile.push({ group: g, text: tables.every(Boolean) ? tableRunText(spec.length) : groupKernelText(spec) });
      groups.push(g);
    }
    if (toCompile.length > 0) {
      const fns = kernels(toCompile.map((c) => c.text));
      toCompile.forEach(({ group: g }, k) => (g.fn = fns[k] ?? null));
    }
    return groups;
  }
}

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

export { prepareRule, verdictOf };
