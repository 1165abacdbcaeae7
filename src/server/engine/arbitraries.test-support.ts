import fc from "fast-check";
import type { RuleSpec } from "./types";

/** Shared by the engine's property tests: rules from the allow-list and pair data full of edge cases. */

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, 1e21, Number.NaN, Infinity),
  fc.constantFrom("", "0", "1", "a", "b", "ab", "openai", "true", "1.5", " ", "a.b", "null"),
);

/** A field value: scalars, small arrays (of scalars or of small objects), occasionally a nested object. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.record({ a: scalar }, { requiredKeys: [] }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ a: scalar }, { requiredKeys: [] }) },
);

const fieldNames = ["a", "b", "c", "n"] as const;

function side(key: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({ a: fieldValue, b: fieldValue, c: fieldValue, n: fieldValue }, { requiredKeys: [] })
    .map((attrs) => ({ ...attrs, key }));
}

/** A pair context where any field may be absent, null or of an unexpected type. */
export const pairContext = fc.record({ source: side("s1"), target: side("t1") });

/** Any data a rule may be applied to: mostly pair contexts, sometimes null, undefined, a scalar or an array. */
export const anyData: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: pairContext },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fieldValue },
);

const varPath = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...fieldNames.flatMap((f) => [`source.${f}`, `target.${f}`])) },
  { weight: 2, arbitrary: fc.constantFrom("source.key", "target.key", "source.zz", "target.zz") },
  { weight: 1, arbitrary: fc.constantFrom("source", "target", "", "source.a.length", "target.a.0", "nope", "source.a.a", "constructor", 1) },
);

const literal: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });

const varNode = fc.oneof(
  { weight: 4, arbitrary: varPath.map((p) => ({ var: p })) },
  { weight: 1, arbitrary: fc.tuple(varPath, literal).map(([p, d]) => ({ var: [p, d] })) },
  { weight: 1, arbitrary: varPath.map((p) => ({ var: [p] })) },
);

/** Vars as seen inside a scope operator's body: the element, a path into it, `current` / `accumulator`. */
const scopedVar = fc.constantFrom(
  { var: "" }, { var: "a" }, { var: "current" }, { var: "accumulator" }, { var: "current.a" }, { var: "source.a" }, { var: ["", 1] }, { var: ["a", "d"] },
);

const scopeOps = ["all", "some", "none", "map", "filter", "reduce"];

const eagerOps = ["==", "===", "!=", "!==", "<", "<=", ">", ">=", "!", "!!", "+", "-", "*", "/", "%", "min", "max", "in", "cat", "substr", "merge"];
const lazyOps = ["and", "or", "if", "?:"];

/** Random rules built from the allow-list only (nested, mixed types, odd arities). */
export const rule: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 3, arbitrary: literal },
    { weight: 4, arbitrary: varNode },
    {
      weight: 5,
      arbitrary: fc.tuple(fc.constantFrom(...eagerOps), fc.array(tie("node"), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...eagerOps), tie("node")).map(([op, arg]) => ({ [op]: arg })) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...lazyOps), fc.array(tie("node"), { maxLength: 5 })).map(([op, args]) => ({ [op]: args })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(varPath, fc.constant("source.a")), { maxLength: 3 })
        .chain((keys) => fc.constantFrom({ missing: keys }, { missing: [keys] }, { missing_some: [1, keys] }, { missing_some: [keys.length, keys] })),
    },
    { weight: 1, arbitrary: fc.array(tie("node"), { maxLength: 3 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...scopeOps),
          fc.oneof(varNode, literal, tie("node")),
          fc.oneof({ weight: 2, arbitrary: scopedVar }, { weight: 3, arbitrary: tie("node") }, { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...eagerOps), fc.array(fc.oneof(scopedVar, literal), { maxLength: 3 })).map(([op, args]) => ({ [op]: args })) }),
          fc.option(fc.oneof(literal, varNode), { nil: undefined }),
        )
        .map(([op, data, body, init]) => ({ [op]: init === undefined ? [data, body] : [data, body, init] })),
    },
  ),
})).node;

/** A rule spec around a random rule: required or not, weights whose sums are exact (status tables allowed). */
export const ruleSpec = fc.record({
  logic: rule,
  required: fc.boolean(),
  weight: fc.constantFrom(0, 0.5, 1, 2, 10),
});

/** Rule sets of `minLength`–`maxLength` random rules, ids `r0`, `r1`, … */
export function ruleSets(minLength = 1, maxLength = 6): fc.Arbitrary<RuleSpec[]> {
  return fc.array(ruleSpec, { minLength, maxLength }).map((specs) => specs.map((s, i): RuleSpec => ({ id: `r${i}`, name: `rule ${i}`, category: null, ...s })));
}

/** Comparison that treats NaN as NaN and distinguishes -0, recursing into arrays and plain objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** Runs `fn`, capturing a throw as `{ threw: true }` so outcomes can be compared. */
export function outcome(fn: () => unknown): { threw: true } | { threw: false; value: unknown } {
  try {
    return { threw: false, value: fn() };
  } catch {
    return { threw: true };
  }
}
