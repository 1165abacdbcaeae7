import type { CompiledRule } from "./compile";
import { lookupPath } from "./reference";
import type { Explanation, ExplainedVar } from "./types";

/**
 * Explains a failed or unknown rule by the values of the vars it reads, e.g.
 * `source.needsToolCalling = true, target.supportsToolCalling = false` (absent or null → `missing`).
 */
export function explainRule(rule: CompiledRule, ctx: unknown): Explanation {
  const vars: ExplainedVar[] = rule.vars.map((name, i) => {
    const value = lookupPath(ctx, rule.varProps[i]!, null);
    return value === null ? { var: name, value: null, missing: true } : { var: name, value, missing: false };
  });
  const text = vars.length === 0 ? "the rule reads no fields" : vars.map((v) => `${v.var} = ${v.missing ? "missing" : formatValue(v.value)}`).join(", ");
  return { vars, text };
}

/** Renders a value for people: strings quoted, numbers and booleans bare. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
