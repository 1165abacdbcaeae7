import { generateRule, type RuleFunction } from "./codegen";
import { fold, parse, type Node } from "./ir";
import type { KernelCode } from "./kernels";
import type { FeatureInfo, RuleSpec } from "./types";

export interface CompiledRule {
  info: FeatureInfo;
  /** Parsed and constant-folded (no data known). */
  node: Node;
  /** Literal var paths the rule reads (from `var`, `missing`, `missing_some`), in first-use order. */
  vars: string[];
  /** `vars` split on ".". */
  varProps: string[][];
  /** The `varProps` that do not start with `source` (read from the target, or the whole context). */
  targetPaths: string[][];
  /**
   * The source paths the rule's folding depends on, when that is all it reads of the source (the
   * key of `prepared`); null when it reads the source in ways only the whole source determines.
   */
  sourcePaths: string[][] | null;
  /** The rule folded with a source, by the values of `sourcePaths` (see prepare.ts: prepareRule). */
  prepared: Map<string, PreparedRule>;
  /** The rule as a function of a full pair context: returns json-logic-js's raw value. */
  readonly evaluate: RuleFunction;
}

/** A rule folded with one source. */
export interface PreparedRule {
  /** Distinct per process (status tables remember their plans by these, tables.ts). */
  id: number;
  /** STATUS when the source alone settles the rule for every target, else -1. */
  status: number;
  /** The folded rule (what still depends on the target). */
  node: Node;
  /** A var the rule reads from the source is missing, so a falsy answer is UNKNOWN. */
  unknownIfFalse: 0 | 1;
  /** Generated on first use in kernel mode. */
  code: KernelCode | null;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  features: FeatureInfo[];
  /** Σ weight of optional rules. */
  optionalWeight: number;
}

/**
 * Compiles a rule set once (per revision): parse and fold each rule; no code is generated until a
 * selection needs it. The result is safe to cache and share between requests (its memo of
 * per-source foldings only grows, bounded per rule).
 */
export function compileRuleSet(rules: RuleSpec[]): CompiledRuleSet {
  const compiled = rules.map(compileRule);
  return {
    rules: compiled,
    features: compiled.map((r) => r.info),
    optionalWeight: compiled.reduce((sum, r) => (r.info.required ? sum : sum + r.info.weight), 0),
  };
}

function compileRule(rule: RuleSpec): CompiledRule {
  const parsed = parse(rule.logic);
  const node = fold(parsed, {});
  const vars = collectVars(node);
  const varProps = vars.map((v) => v.split("."));
  let evaluate: RuleFunction | null = null;
  return {
    info: { id: rule.id, name: rule.name, required: rule.required, weight: rule.weight, category: rule.category, ...(rule.sentences ? { sentences: rule.sentences } : {}) },
    node,
    vars,
    varProps,
    targetPaths: varProps.filter((p) => p[0] !== "source"),
    sourcePaths: readsSourceByPathsOnly(node) ? varProps.filter((p) => p[0] === "source") : null,
    prepared: new Map(),
    get evaluate() {
      return (evaluate ??= generateRule(node));
    },
  };
}

function literalKey(node: Node | undefined): string | null {
  if (!node || node.k !== "const") return null;
  const v = node.v;
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v !== "" ? v : null;
}

/** The nodes evaluated with the rule's own data (a scope operator's body reads array elements instead). */
function outerChildren(node: Node): Node[] {
  switch (node.k) {
    case "array":
      return node.items;
    case "and": case "or": case "if": case "op":
      return node.args;
    case "scope":
      return node.init ? [node.data, node.init] : [node.data];
    default:
      return [];
  }
}

/** Literal paths read by `var`, `missing` and `missing_some` in the rule's own scope. */
export function collectVars(root: Node): string[] {
  const out = new Set<string>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.k === "op") {
      if (node.op === "var") {
        const key = literalKey(node.args[0]);
        if (key) out.add(key);
      } else if (node.op === "missing" || node.op === "missing_some") {
        for (const k of missingKeys(node)) if (typeof k === "string" && k !== "") out.add(k);
      }
    }
    stack.push(...[...outerChildren(node)].reverse());
  }
  return [...out];
}

function missingKeys(node: Extract<Node, { k: "op" }>): unknown[] {
  const list = node.op === "missing" ? node.args[0] : node.args[1];
  if (list?.k === "const" && Array.isArray(list.v)) return list.v;
  return node.op === "missing" ? node.args.map((a) => (a.k === "const" ? a.v : null)) : [];
}

/**
 * True when everything the rule reads from the source goes through literal `source.<path>` keys
 * (so the values at those paths determine its folding); false for a computed path, `var ""`,
 * `var "source"`, non-literal `missing` keys, or a subtree delegated to json-logic-js.
 */
function readsSourceByPathsOnly(root: Node): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.k === "ref") return false;
    if (node.k === "op") {
      if (node.op === "var") {
        const key = literalKey(node.args[0]);
        if (key === null || key === "source") return false;
      } else if (node.op === "missing" || node.op === "missing_some") {
        const list = node.op === "missing" ? node.args : [node.args[1]];
        if (!list.every((a) => a?.k === "const" && (typeof a.v === "string" || (Array.isArray(a.v) && a.v.every((k) => typeof k === "string"))))) return false;
      }
    }
    stack.push(...outerChildren(node));
  }
  return true;
}
