import * as jsonLogicNs from "json-logic-js";

/**
 * json-logic-js is a UMD bundle: under Node ESM the namespace only carries `default`, under
 * bundlers it may carry the functions directly. Accept both.
 */
const ns = jsonLogicNs as unknown as { default?: typeof jsonLogicNs } & typeof jsonLogicNs;
const lib: typeof jsonLogicNs = ns.default && typeof ns.default.apply === "function" ? ns.default : ns;

/** The reference evaluator: `jsonLogic.apply` of json-logic-js. */
export function referenceApply(logic: unknown, data: unknown): unknown {
  return lib.apply(logic as never, data);
}

/** json-logic-js truthiness: JS truthiness except that `[]` is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/**
 * json-logic-js `var` lookup for an already-split path: descends property by property and answers
 * `notFound` as soon as a step is null/undefined or yields undefined.
 */
export function lookupPath(data: unknown, props: readonly string[], notFound: unknown): unknown {
  let d = data as Record<string, unknown> | null | undefined;
  for (let i = 0; i < props.length; i++) {
    if (d === null || d === undefined) return notFound;
    d = d[props[i]!] as Record<string, unknown> | null | undefined;
    if (d === undefined) return notFound;
  }
  return d;
}

/** json-logic-js `var` with evaluated arguments. */
export function varOp(data: unknown, a: unknown, b: unknown): unknown {
  const notFound = b === undefined ? null : b;
  if (typeof a === "undefined" || a === "" || a === null) return data;
  return lookupPath(data, String(a).split("."), notFound);
}

function isPrimitiveKey(k: unknown): boolean {
  return k === null || k === undefined || typeof k === "string" || typeof k === "number" || typeof k === "boolean";
}

/** json-logic-js `missing` with evaluated arguments. */
export function missingOp(data: unknown, args: unknown[]): unknown[] {
  const keys = (Array.isArray(args[0]) ? args[0] : args) as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // A non-primitive key is re-applied as logic by json-logic-js; let the reference do exactly that.
    const value = isPrimitiveKey(key) ? varOp(data, key, undefined) : referenceApply({ var: key }, data);
    if (value === null || value === "") out.push(key);
  }
  return out;
}

/** json-logic-js `missing_some` with evaluated arguments (it re-applies its options as logic). */
export function missingSomeOp(data: unknown, needCount: unknown, options: unknown): unknown[] {
  const areMissing = referenceApply({ missing: options }, data) as unknown[];
  if ((options as { length: number }).length - areMissing.length >= (needCount as number)) return [];
  return areMissing;
}

export function inOp(a: unknown, b: unknown): boolean {
  const bb = b as { indexOf?: (x: unknown) => number } | null | undefined;
  if (!bb || typeof bb.indexOf === "undefined") return false;
  return bb.indexOf(a) !== -1;
}

/**
 * The size bound on values a rule builds: `cat` and `merge` results and each step of a `reduce`
 * accumulator (string length plus array elements, counted through nested arrays). Without it a
 * `reduce` that doubles its accumulator would exhaust memory; json-logic-js has no such bound, so
 * this is the one place where the engine answers differently: the rule throws (does not pass)
 * where json-logic-js would build a value of more than a million units.
 */
export const MAX_BUILT_SIZE = 1_000_000;

/** Size of a value as `MAX_BUILT_SIZE` counts it; stops counting once past `limit`. */
export function builtSize(value: unknown, limit = MAX_BUILT_SIZE): number {
  if (typeof value === "string") return value.length;
  if (!Array.isArray(value)) return 1;
  let n = 1;
  const stack: unknown[] = [value];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop() as unknown[];
    n += v.length;
    for (let i = 0; i < v.length && n <= limit; i++) {
      const x = v[i];
      if (typeof x === "string") n += x.length;
      else if (Array.isArray(x)) stack.push(x);
    }
  }
  return n;
}

/** Returns `value`, or throws when it is over the size bound. */
export function bounded<T>(value: T): T {
  if ((typeof value === "string" || Array.isArray(value)) && builtSize(value) > MAX_BUILT_SIZE) {
    throw new RangeError(`value larger than ${MAX_BUILT_SIZE} (the engine's size bound)`);
  }
  return value;
}

export function catOp(args: unknown[]): string {
  bounded(args);
  return args.join("");
}

export function substrOp(source: unknown, start: unknown, end: unknown): string {
  // Negative end emulates PHP, as json-logic-js does.
  if ((end as number) < 0) {
    const temp = String(source).substr(start as number);
    return temp.substr(0, temp.length + (end as number));
  }
  return String(source).substr(start as number, end as number);
}

export function plusOp(args: unknown[]): number {
  let acc: unknown = 0;
  for (let i = 0; i < args.length; i++) acc = parseFloat(acc as string) + parseFloat(args[i] as string);
  return acc as number;
}

export function timesOp(args: unknown[]): unknown {
  // Array.prototype.reduce without an initial value: throws on [], returns a lone argument untouched.
  if (args.length === 0) throw new TypeError("Reduce of empty array with no initial value");
  let acc: unknown = args[0];
  for (let i = 1; i < args.length; i++) acc = parseFloat(acc as string) * parseFloat(args[i] as string);
  return acc;
}

export function minusOp(a: unknown, b: unknown): number {
  return b === undefined ? -(a as number) : (a as number) - (b as number);
}

export function mergeOp(args: unknown[]): unknown[] {
  let acc: unknown[] = [];
  for (let i = 0; i < args.length; i++) acc = acc.concat(args[i]);
  return bounded(acc);
}

export function minOp(args: unknown[]): number {
  return Math.min.apply(null, args as number[]);
}

export function maxOp(args: unknown[]): number {
  return Math.max.apply(null, args as number[]);
}

export function ltOp(a: unknown, b: unknown, c: unknown): boolean {
  const x = a as number, y = b as number, z = c as number;
  return c === undefined ? x < y : x < y && y < z;
}

export function leOp(a: unknown, b: unknown, c: unknown): boolean {
  const x = a as number, y = b as number, z = c as number;
  return c === undefined ? x <= y : x <= y && y <= z;
}

/** Eager (all arguments evaluated first) allow-listed operators, with evaluated arguments. */
export function applyEager(op: string, args: unknown[], data: unknown): unknown {
  const a = args[0], b = args[1];
  switch (op) {
    case "==": return a == b;
    case "===": return a === b;
    case "!=": return a != b;
    case "!==": return a !== b;
    case ">": return (a as number) > (b as number);
    case ">=": return (a as number) >= (b as number);
    case "<": return ltOp(a, b, args[2]);
    case "<=": return leOp(a, b, args[2]);
    case "!!": return truthy(a);
    case "!": return !truthy(a);
    case "%": return (a as number) % (b as number);
    case "/": return (a as number) / (b as number);
    case "-": return minusOp(a, b);
    case "+": return plusOp(args);
    case "*": return timesOp(args);
    case "min": return minOp(args);
    case "max": return maxOp(args);
    case "in": return inOp(a, b);
    case "cat": return catOp(args);
    case "substr": return substrOp(a, b, args[2]);
    case "merge": return mergeOp(args);
    case "var": return varOp(data, a, b);
    case "missing": return missingOp(data, args);
    case "missing_some": return missingSomeOp(data, a, b);
    default: throw new Error(`not an eager operator: ${op}`);
  }
}
