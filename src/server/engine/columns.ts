import { columnValue } from "./codegen";
import type { PreparedRule } from "./compile";

/**
 * Target columns for kernels (codegen.ts `targetColumns`): the values at one target path over a
 * list of targets, gathered once per list, and — when they take few distinct values — a
 * dictionary of them. A folded rule that reads nothing from a target but that one path (no other
 * field, no whole context, nothing that may throw) gives every target with the same value the same
 * status, so a kernel looks that status up per target (`tables`) instead of evaluating the rule:
 * the table is computed by the interpreter once per distinct value (pair.ts `TargetBatch`).
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
}

export interface Dictionary {
  /** `codes[i]`: the distinct value of target i. */
  codes: Uint16Array;
  /** The first target holding each distinct value (the one the table is computed on). */
  representatives: number[];
  /** Status per distinct value, per rule folding (STATUS, see semantics.ts). */
  tables: WeakMap<PreparedRule, Uint8Array>;
}

/** Distinct values allowed: few enough that computing a table costs far less than the targets' loop. */
const MAX_DISTINCT = 1024;
const NEGATIVE_ZERO = Symbol("-0");

function buildDictionary(values: readonly unknown[]): Dictionary | null {
  const n = values.length;
  const limit = Math.min(MAX_DISTINCT, n >> 3);
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
  return { codes, representatives, tables: new WeakMap() };
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
