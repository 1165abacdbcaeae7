import { columnValue } from "./codegen";
import type { PreparedRule } from "./compile";

/**
 * Target columns for kernels (emit.ts `targetColumns`): the values at one target path over a
 * list of targets, gathered once per list, and — when they take few distinct values — a
 * dictionary of them, which status tables key rules by (tables.ts): targets with the same values
 * in the columns a rule reads get the same status.
 *
 * "The same value" must mean "indistinguishable to every operator": primitives by SameValueZero
 * except that −0 and +0 stay apart (`1 / x` tells them apart; NaN is NaN everywhere); lists of
 * primitives by content (no operator mutates a list or compares a target's list by identity with
 * anything but itself), holes and non-plain lists excluded; any other object makes the column
 * dictionary-less.
 */
export class Column {
  readonly values: unknown[];
  private dict: Dictionary | null | undefined = undefined;
  private present: Dictionary | null = null;

  constructor(targets: readonly unknown[], readonly props: readonly string[]) {
    const values: unknown[] = [];
    for (let i = 0; i < targets.length; i++) values.push(columnValue(targets[i], props));
    this.values = values;
  }

  /** The dictionary, or null when the column has too many distinct values (or unkeyable ones). */
  dictionary(): Dictionary | null {
    if (this.dict === undefined) this.dict = buildDictionary(this.values);
    return this.dict;
  }

  /** A dictionary of two codes at most: missing (null or absent) or not — for a rule that reads the column only to tell unknown from fail. */
  presence(): Dictionary {
    if (!this.present) {
      const n = this.values.length;
      const codes = new Uint16Array(n);
      const representatives: number[] = [];
      let missingCode = -1, presentCode = -1;
      for (let i = 0; i < n; i++) {
        const missing = this.values[i] == null;
        let code = missing ? missingCode : presentCode;
        if (code < 0) {
          code = representatives.length;
          representatives.push(i);
          if (missing) missingCode = code;
          else presentCode = code;
        }
        codes[i] = code;
      }
      this.present = { id: nextId++, codes, representatives, tables: new WeakMap() };
    }
    return this.present;
  }
}

export interface Dictionary {
  /** Distinct per process (tables.ts keys its clusterings by these). */
  id: number;
  /** `codes[i]`: the distinct value (or tuple of values) of target i. */
  codes: Uint16Array;
  /** The first target holding each distinct value (the one the table is computed on). */
  representatives: number[];
  /** Status per distinct value, per rule folding (STATUS, see semantics.ts). */
  tables: WeakMap<PreparedRule, Uint8Array>;
}

/**
 * Distinct values (or tuples) a key may have: a table costs one evaluation per distinct value
 * (then one lookup per target), so up to half the targets it costs less than evaluating every
 * target, even for a rule whose folding is new on every run; and a table whose folding recurs (a
 * matrix's rows, repeated selections) is free.
 */
const MAX_DISTINCT = 1 << 15;
const NEGATIVE_ZERO = Symbol("-0");
let nextId = 0;

/** Distinct values (or tuples) a dictionary over `n` targets may have. */
export function distinctLimit(n: number): number {
  return Math.min(MAX_DISTINCT, n >> 1);
}

function buildDictionary(values: readonly unknown[]): Dictionary | null {
  const n = values.length;
  const limit = distinctLimit(n);
  const primitives = new Map<unknown, number>();
  const lists = new Map<string, number>();
  const codes = new Uint16Array(n);
  const representatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let map: Map<unknown, number>;
    let key: unknown;
    if (v !== null && (typeof v === "object" || typeof v === "function")) {
      const k = listKey(v);
      if (k === null) return null;
      map = lists as Map<unknown, number>;
      key = k;
    } else {
      map = primitives;
      key = Object.is(v, -0) ? NEGATIVE_ZERO : v;
    }
    let code = map.get(key);
    if (code === undefined) {
      code = representatives.length;
      if (code >= limit) return null;
      map.set(key, code);
      representatives.push(i);
    }
    codes[i] = code;
  }
  return { id: nextId++, codes, representatives, tables: new WeakMap() };
}

/**
 * The dictionary of value tuples over the columns of `a` and of `b` (targets share a code when
 * they share one in both), or null when the tuples are more than `limit`.
 */
export function combine(a: Dictionary, b: Dictionary, limit: number): Dictionary | null {
  const width = b.representatives.length;
  // Pairs of codes to the combined code: an array while small, else a map (the result is at most `limit` anyway).
  const dense = a.representatives.length * width <= 1 << 16 ? new Int32Array(a.representatives.length * width).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const n = a.codes.length;
  const codes = new Uint16Array(n);
  const representatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const pair = a.codes[i]! * width + b.codes[i]!;
    let code = dense ? dense[pair]! : (sparse!.get(pair) ?? -1);
    if (code < 0) {
      code = representatives.length;
      if (code >= limit) return null;
      if (dense) dense[pair] = code;
      else sparse!.set(pair, code);
      representatives.push(i);
    }
    codes[i] = code;
  }
  return { id: nextId++, codes, representatives, tables: new WeakMap() };
}
/** An exact content key for a plain list of primitives (no holes, no extra properties), else null. */
function listKey(v: object): string | null {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.length > 64) return null;
  if (Object.keys(v).length !== v.length) return null;
  let out = `${v.length}[`;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    switch (typeof x) {
      case "string": out += `s${x.length}:${x},`; break;
      case "number": out += Object.is(x, -0) ? "n-0," : `n${x},`; break;
      case "boolean": out += x ? "T," : "F,"; break;
      case "undefined": out += "u,"; break;
      case "bigint": return null;
      case "object": if (x === null) { out += "N,"; break; } return null;
      default: return null;
    }
  }
  return out + "]";
}
