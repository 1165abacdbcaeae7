import { generateBatch, type BatchFunction } from "./batch";
import { generateRule, type RuleFunction } from "./codegen";
import { fold, parse, type Node } from "./ir";
import type { FeatureInfo, RuleSpec } from "./types";

export interface CompiledRule {
  info: FeatureInfo;
  /** Parsed and constant-folded (no data known). */
  node: Node;
  /** Literal var paths the rule reads (from `var`, `missing`, `missing_some`), in first-use order. */
  vars: string[];
  /** `vars` split on ".". */
  varProps: string[][];
  /** The rule as a function of a full pair context: returns json-logic-js's raw value. */
  evaluate: RuleFunction;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  features: FeatureInfo[];
  /** Σ weight of optional rules. */
  optionalWeight: number;
  /**
   * One generated function over all rules, unfolded, each rule switched on by an `active` mask
   * (built on first use, then reused — and kept optimised by the JIT — for every source).
   */
  sharedBatch(): BatchFunction;
}

/**
 * Compiles a rule set once (per revision). The result is immutable and safe to cache and share
 * between requests.
 */
export function compileRuleSet(rules: RuleSpec[]): CompiledRuleSet {
  const compiled = rules.map(compileRule);
  let shared: BatchFunction | null = null;
  return {
    rules: compiled,
    features: compiled.map((r) => r.info),
    optionalWeight: compiled.reduce((sum, r) => (r.info.required ? sum : sum + r.info.weight), 0),
    sharedBatch() {
      shared ??= generateBatch(
        compiled.map((r, slot) => ({
          node: r.node,
          unknownIfFalse: false,
          missingPaths: r.varProps,
          slot,
          required: r.info.required,
          weight: r.info.required ? 0 : r.info.weight,
        })),
        true,
      );
      return shared;
    },
  };
}

function compileRule(rule: RuleSpec): CompiledRule {
  const parsed = parse(rule.logic);
  const node = fold(parsed, {});
  const vars = collectVars(node);
  return {
    info: { id: rule.id, name: rule.name, required: rule.required, weight: rule.weight, category: rule.category },
    node,
    vars,
    varProps: vars.map((v) => v.split(".")),
    evaluate: generateRule(node),
  };
}

function literalKey(node: Node | undefined): string | null {
  if (!node || node.k !== "const") return null;
  const v = node.v;
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v !== "" ? v : null;
}

/** Literal paths read by `var`, `missing` and `missing_some` anywhere in the rule. */
export function collectVars(root: Node): string[] {
  const out = new Set<string>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.k === "array") stack.push(...[...node.items].reverse());
    else if (node.k === "and" || node.k === "or" || node.k === "if") stack.push(...[...node.args].reverse());
    else if (node.k === "op") {
      if (node.op === "var") {
        const key = literalKey(node.args[0]);
        if (key) out.add(key);
      } else if (node.op === "missing" || node.op === "missing_some") {
        const list = node.op === "missing" ? node.args[0] : node.args[1];
        const keys = list?.k === "const" && Array.isArray(list.v) ? list.v : node.op === "missing" ? node.args.map((a) => (a.k === "const" ? a.v : null)) : [];
        for (const k of keys) if (typeof k === "string" && k !== "") out.add(k);
      }
      stack.push(...[...node.args].reverse());
    }
  }
  return [...out];
}
