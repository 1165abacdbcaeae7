/**
 * The rule builder's shapes and the JSONLogic each one stands for. `shapeOf` reads logic back
 * into a shape when it is exactly what the builder writes, so saved rules reopen in the builder.
 */

export type Comparison = ">=" | ">" | "<=" | "<" | "==" | "!=";
export const comparisons: Comparison[] = [">=", ">", "<=", "<", "==", "!="];

export type RuleShape =
  /** When the source needs X, the target must support X. */
  | { kind: "needs"; sourceField: string; targetField: string }
  /** A target field must be one of a list of values. */
  | { kind: "in-list"; targetField: string; values: string[] }
  /** target.f <op> source.g */
  | { kind: "compare-fields"; targetField: string; op: Comparison; sourceField: string }
  /** target.f <op> constant */
  | { kind: "compare-constant"; targetField: string; op: Comparison; value: number }
  /** When the source names a provider, the target's must match it. */
  | { kind: "provider"; sourceField: string; targetField: string }
  /** The target's values (a list, or one value) include one of the source's values. */
  | { kind: "overlap"; sourceField: string; targetField: string };

export const shapeLabels: Record<RuleShape["kind"], string> = {
  needs: "Source needs X ⇒ target supports X",
  "in-list": "Target field is one of a list",
  "compare-fields": "Target number compared with a source number",
  "compare-constant": "Target number compared with a constant",
  provider: "Provider restriction (source names the required provider)",
  overlap: "Target's values include one of the source's (e.g. regions)",
};

const v = (side: "source" | "target", field: string) => ({ var: `${side}.${field}` });

export function shapeToLogic(s: RuleShape): unknown {
  switch (s.kind) {
    case "needs":
      return { or: [{ "!": v("source", s.sourceField) }, { "==": [v("target", s.targetField), true] }] };
    case "in-list":
      return { in: [v("target", s.targetField), s.values] };
    case "compare-fields":
      return { [s.op]: [v("target", s.targetField), v("source", s.sourceField)] };
    case "compare-constant":
      return { [s.op]: [v("target", s.targetField), s.value] };
    case "provider":
      return { or: [{ "!": v("source", s.sourceField) }, { "==": [v("target", s.targetField), v("source", s.sourceField)] }] };
    case "overlap":
      return overlapLogic(s.sourceField, s.targetField);
  }
}

/**
 * "target.T includes one of source.S", for lists or single values on either side. JSONLogic
 * cannot read the pair from inside an array operator, so the source's values travel as `reduce`'s
 * accumulator: `merge` turns each side into a list, `filter` drops missing (null) source values,
 * and the accumulator becomes `true` at the first target value found in it (once `true`, `in`
 * finds nothing more and it stays `true`).
 */
function overlapLogic(sourceField: string, targetField: string): unknown {
  return {
    "===": [
      {
        reduce: [
          { merge: [v("target", targetField)] },
          { if: [{ in: [{ var: "current" }, { var: "accumulator" }] }, true, { var: "accumulator" }] },
          { filter: [{ merge: [v("source", sourceField)] }, { "!=": [{ var: "" }, null] }] },
        ],
      },
      true,
    ],
  };
}

/** A short sentence for rule lists: "target.contextWindow ≥ source.minContext". */
export function describeShape(s: RuleShape): string {
  switch (s.kind) {
    case "needs":
      return `if source.${s.sourceField} then target.${s.targetField}`;
    case "in-list":
      return `target.${s.targetField} in [${s.values.join(", ")}]`;
    case "compare-fields":
      return `target.${s.targetField} ${s.op} source.${s.sourceField}`;
    case "compare-constant":
      return `target.${s.targetField} ${s.op} ${s.value}`;
    case "provider":
      return `target.${s.targetField} = source.${s.sourceField} (when set)`;
    case "overlap":
      return `target.${s.targetField} includes one of source.${s.sourceField}`;
  }
}

const varOf = (x: unknown, side: "source" | "target"): string | null => {
  if (!x || typeof x !== "object" || Array.isArray(x)) return null;
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1 || keys[0] !== "var" || typeof o.var !== "string") return null;
  const prefix = `${side}.`;
  return o.var.startsWith(prefix) ? o.var.slice(prefix.length) : null;
};

const single = (x: unknown): [string, unknown[]] | null => {
  if (!x || typeof x !== "object" || Array.isArray(x)) return null;
  const keys = Object.keys(x);
  if (keys.length !== 1) return null;
  const arg = (x as Record<string, unknown>)[keys[0]!];
  return [keys[0]!, Array.isArray(arg) ? arg : [arg]];
};

/** The builder shape `logic` was generated from, or null for hand-written logic. */
export function shapeOf(logic: unknown): RuleShape | null {
  const top = single(logic);
  if (!top) return null;
  const [op, args] = top;
  if (op === "in" && args.length === 2) {
    const t = varOf(args[0], "target");
    if (t && Array.isArray(args[1]) && args[1].every((x) => typeof x === "string")) return { kind: "in-list", targetField: t, values: args[1] as string[] };
  }
  if ((comparisons as string[]).includes(op) && args.length === 2) {
    const t = varOf(args[0], "target");
    const s = varOf(args[1], "source");
    if (t && s) return { kind: "compare-fields", targetField: t, op: op as Comparison, sourceField: s };
    if (t && typeof args[1] === "number") return { kind: "compare-constant", targetField: t, op: op as Comparison, value: args[1] };
  }
  if (op === "===" && args.length === 2) {
    const reduce = single(args[0]);
    const [list, , init] = reduce && reduce[0] === "reduce" ? reduce[1] : [];
    const t = varOf(single(list)?.[1][0], "target");
    const s = varOf(single(single(init)?.[1][0])?.[1][0], "source");
    if (t && s && JSON.stringify(overlapLogic(s, t)) === JSON.stringify(logic)) return { kind: "overlap", sourceField: s, targetField: t };
  }
  if (op === "or" && args.length === 2) {
    const not = single(args[0]);
    const eq = single(args[1]);
    const s = not && not[0] === "!" ? varOf(not[1][0], "source") : null;
    if (s && eq && eq[0] === "==" && eq[1].length === 2) {
      const t = varOf(eq[1][0], "target");
      if (t && eq[1][1] === true) return { kind: "needs", sourceField: s, targetField: t };
      if (t && varOf(eq[1][1], "source") === s) return { kind: "provider", sourceField: s, targetField: t };
    }
  }
  return null;
}
