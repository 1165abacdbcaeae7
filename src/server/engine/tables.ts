import { Column, combine, distinctLimit, type Dictionary } from "./columns";
import type { CompiledRuleSet, PreparedRule } from "./compile";
import type { KernelCode } from "./kernels";
import { STATUS } from "./status";

/**
 * Status tables — the part of the performance layer that runs no rule code per target. A folded
 * rule that reads nothing from a target but some of its columns (no whole target or context,
 * nothing that may throw: `KernelCode`) gives every target with the same values there the same
 * status. So, per list of targets:
 * - each such set of columns gets a key: a code per target for its tuple of values (columns.ts),
 *   when the tuples are few;
 * - each rule gets its status per code of its key (its own kernel run on one target per code, batch.ts);
 * - keys merge into clusters while their combined tuples stay few, and a cluster adds what all its
 *   rules add to a target — pass weight and counts — with one lookup of a per-code sum.
 * Per target the work is one lookup per cluster, however many rules share it; statuses are not
 * written per target (`TargetBatch.statusOf` looks them up).
 *
 * A per-code sum adds the members' weights in a different order than rule by rule, so clusters are
 * used only when every such sum is exact (`exactWeights`): then the totals are the same numbers.
 */

/** A rule a table can answer, and the key its table is over. */
export interface KeyedRule {
  slot: number;
  prepared: PreparedRule;
  required: 0 | 1;
  /** The weight it adds when it passes (0 when required). */
  weight: number;
  key: Dictionary;
}

/** A rule answered by a table: its status for target i is `table[key.codes[i]]`. */
export interface TableRule extends KeyedRule {
  table: Uint8Array;
}

/** What a set of table rules adds to a run: the rules (for `statusOf`) and their clusters' sums. */
export interface TablePlan {
  rules: readonly TableRule[];
  clusters: readonly Cluster[];
}

/** A cluster's per-code sums over its key: pass weight, and the counts packed (`pack`). */
export interface Cluster {
  codes: Uint16Array;
  weight: Float64Array;
  counts: Float64Array;
}

/** Counts packed in one exact double, 13 bits each: not passing, unknown, required unknown, required fail. */
const FIELD = 2 ** 13;
/** At most this many table rules per batch, so no packed count carries into the next. */
export const MAX_TABLE_RULES = FIELD - 1;
const UNKNOWN_UNIT = 1 + FIELD;
const REQUIRED_UNKNOWN = FIELD ** 2;
const FAIL_UNIT = 1;
const REQUIRED_FAIL = FIELD ** 3;

const { PASS, UNKNOWN } = STATUS;
/** Plans remembered per list (cleared when full). */
const PLANS = 1024;

/**
 * Codes a merged cluster may have: its per-code sums are rebuilt on every run (code × member), so
 * far fewer than targets. A key with more codes still forms a cluster of its own.
 */
function clusterLimit(n: number): number {
  return Math.min(1024, n >> 3);
}

/** Whether a rule set's weights allow status tables (`exactWeights`), remembered per set. */
const allowed = new WeakMap<CompiledRuleSet, boolean>();

export function tablesAllowed(compiled: CompiledRuleSet): boolean {
  let ok = allowed.get(compiled);
  if (ok === undefined) allowed.set(compiled, (ok = exactWeights(compiled.rules.map((r) => (r.info.required ? 0 : r.info.weight)))));
  return ok;
}

/**
 * True when every sum of the optional weights is exact in any order: all are multiples of 2^-10
 * whose total stays below 2^53 units (1, 2, 0.5 and 0.25 are; 0.1 is not).
 */
export function exactWeights(weights: readonly number[]): boolean {
  let units = 0;
  for (const w of weights) {
    const u = w * 1024;
    if (!Number.isInteger(u)) return false;
    units += Math.abs(u);
  }
  return units < 2 ** 53;
}

/**
 * A list of targets and what is derived from it once: gathered columns, keys over column sets, and
 * how keys merge into clusters. The list and its rows are treated as immutable once given (the
 * server hands the engine its cached target lists; contexts are built per list, see context.ts).
 */
export class TargetList {
  private readonly columns = new Map<string, Column>();
  private readonly keys = new Map<string, Dictionary | null>();
  private readonly clusterings = new Map<string, Map<Dictionary, Dictionary>>();
  /** `combine` results by the two dictionaries' ids: clusterings of similar key sets share their merges. */
  private readonly merged = new Map<string, Dictionary | null>();
  private readonly keyOfCode = new WeakMap<KernelCode, Dictionary | null>();
  /** Plans by the ids of their rules' foldings (`TargetBatch` runs whose table rules fold alike share one). */
  private readonly plans = new Map<string, TablePlan>();

  plan(id: string, build: () => TablePlan): TablePlan {
    let plan = this.plans.get(id);
    if (!plan) {
      if (this.plans.size >= PLANS) this.plans.clear();
      this.plans.set(id, (plan = build()));
    }
    return plan;
  }

  constructor(readonly targets: readonly unknown[]) {}

  /** The values at `props` of every target (codegen.ts `columnValue`), gathered once. */
  column(key: string, props: readonly string[]): Column {
    let col = this.columns.get(key);
    if (!col) this.columns.set(key, (col = new Column(this.targets, props)));
    return col;
  }

  /** The key a table would use for `code`, or null when the rule needs its code run per target (see above) or its tuples are too many. */
  keyFor(code: KernelCode): Dictionary | null {
    let key = this.keyOfCode.get(code);
    if (key === undefined) this.keyOfCode.set(code, (key = this.keyOver(code)));
    return key;
  }

  private keyOver(code: KernelCode): Dictionary | null {
    if (code.columns.length === 0 || code.usesT || code.needsContext || code.mayThrow) return null;
    const parts = code.columnKeys.map((k, j) => ({ id: code.presenceOnly[j] ? `?${k}` : k, j })).sort((x, y) => (x.id < y.id ? -1 : 1));
    const id = parts.map((p) => p.id).join("\n");
    if (this.keys.has(id)) return this.keys.get(id)!;
    let key: Dictionary | null = null;
    for (const { j } of parts) {
      const column = this.column(code.columnKeys[j]!, code.columns[j]!);
      const dict = code.presenceOnly[j] ? column.presence() : column.dictionary();
      key = dict && (key ? this.merge(key, dict, distinctLimit(this.targets.length)) : dict);
      if (!key) break;
    }
    this.keys.set(id, key);
    return key;
  }

  private merge(a: Dictionary, b: Dictionary, limit: number): Dictionary | null {
    const id = `${a.id}+${b.id}<${limit}`;
    let m = this.merged.get(id);
    if (m === undefined) this.merged.set(id, (m = combine(a, b, limit)));
    return m;
  }

  /**
   * Which cluster each key belongs to: from the fewest tuples up, a key joins the open cluster
   * while their combined tuples stay within the limit, else opens the next one. Remembered per set
   * of keys.
   */
  clustersOf(keys: readonly Dictionary[]): Map<Dictionary, Dictionary> {
    const sorted = [...keys].sort((a, b) => a.representatives.length - b.representatives.length || a.id - b.id);
    const id = sorted.map((k) => k.id).join(",");
    const known = this.clusterings.get(id);
    if (known) return known;
    const of = new Map<Dictionary, Dictionary>();
    let open: Dictionary | null = null;
    let members: Dictionary[] = [];
    const close = () => members.forEach((k) => of.set(k, open!));
    for (const key of sorted) {
      const merged: Dictionary | null = open && this.merge(open, key, clusterLimit(this.targets.length));
      if (open && merged) {
        open = merged;
        members.push(key);
      } else {
        if (open) close();
        open = key;
        members = [key];
      }
    }
    if (open) close();
    this.clusterings.set(id, of);
    return of;
  }
}

/**
 * The plan for `keyed` (in slot order): each rule's table (known per key and folding, else filled by
 * `fill`, all missing ones at once), and its cluster's sums.
 */
export function planTables<T extends KeyedRule>(list: TargetList, keyed: readonly T[], fill: (missing: readonly T[]) => Uint8Array[]): TablePlan {
  const missing = keyed.filter(({ prepared, key }) => !key.tables.has(prepared));
  const filled = fill(missing);
  missing.forEach(({ prepared, key }, j) => key.tables.set(prepared, filled[j]!));
  const byKey = new Map<Dictionary, TableRule[]>();
  const rules = keyed.map(({ slot, prepared, required, weight, key }): TableRule => {
    const entry = { slot, prepared, required, weight, key, table: key.tables.get(prepared)! };
    const same = byKey.get(key);
    if (same) same.push(entry);
    else byKey.set(key, [entry]);
    return entry;
  });
  const clusterOfKey = list.clustersOf([...byKey.keys()]);
  const members = new Map<Dictionary, TableRule[]>();
  for (const [key, entries] of byKey) {
    const c = clusterOfKey.get(key)!;
    const list = members.get(c);
    if (list) list.push(...entries);
    else members.set(c, [...entries]);
  }
  return { rules, clusters: [...members].map(([key, m]) => clusterOf(key, m.sort((a, b) => a.slot - b.slot))) };
}

/** The per-code sums of a cluster over `key`: each member's table read at the code's representative target, members in slot order. */
export function clusterOf(key: Dictionary, members: readonly TableRule[]): Cluster {
  const d = key.representatives.length;
  const weight = new Float64Array(d);
  const counts = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    const target = key.representatives[c]!;
    let w = 0, packed = 0;
    for (const m of members) {
      const s = m.table[m.key.codes[target]!]!;
      if (s === PASS) w += m.weight;
      else if (s === UNKNOWN) packed += UNKNOWN_UNIT + m.required * REQUIRED_UNKNOWN;
      else packed += FAIL_UNIT + m.required * REQUIRED_FAIL;
    }
    weight[c] = w;
    counts[c] = packed;
  }
  return { codes: key.codes, weight, counts };
}

/** Adds every cluster's sums to each target's pass weight and packed counts. */
export function addClusters(clusters: readonly Cluster[], n: number, passWeight: Float64Array, packed: Float64Array): void {
  for (const { codes, weight, counts } of clusters) {
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      passWeight[i]! += weight[c]!;
      packed[i]! += counts[c]!;
    }
  }
}

/** Adds the packed counts to the totals (not passing, unknown, required unknown, required fail). */
export function unpackCounts(packed: Float64Array, notPassing: Int32Array, unknown: Int32Array, requiredUnknown: Int32Array, requiredFail: Int32Array): void {
  for (let i = 0; i < packed.length; i++) {
    let p = packed[i]!;
    if (p === 0) continue;
    const rf = Math.floor(p / REQUIRED_FAIL);
    p -= rf * REQUIRED_FAIL;
    const ru = Math.floor(p / REQUIRED_UNKNOWN);
    p -= ru * REQUIRED_UNKNOWN;
    const un = Math.floor(p / FIELD);
    notPassing[i]! += p - un * FIELD;
    unknown[i]! += un;
    requiredUnknown[i]! += ru;
    requiredFail[i]! += rf;
  }
}
