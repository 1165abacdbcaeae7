import { isEagerOperator, isPureOperator, isScopeOperator, type EagerOperator, type ScopeOperator } from "./operators";
import { interpret } from "./interpret";
import { applyEager, lookupPath, missingOp, missingSomeOp, truthy } from "./reference";

/**
 * A rule parsed into the shape json-logic-js evaluates it in. Every node evaluates exactly as
 * `jsonLogic.apply` would evaluate the JSON it came from.
 */
export type Node =
  | { k: "const"; v: unknown }
  /** Evaluating this node throws `e` (found while folding constants). */
  | { k: "throw"; e: unknown }
  /** An array literal with some non-constant element (json-logic-js maps `apply` over arrays). */
  | { k: "array"; items: Node[] }
  | { k: "and" | "or"; args: Node[] }
  /** `if` / `?:`, normalised to an odd number of arguments (explicit else). */
  | { k: "if"; args: Node[] }
  | { k: "op"; op: EagerOperator; args: Node[] }
  /**
   * `all`/`some`/`none`/`map`/`filter`/`reduce`: `data` is evaluated in the current scope, then
   * `body` once per element with the element (for `reduce`, `{ current, accumulator }`) as its
   * data. `init` is `reduce`'s third argument when given (evaluated after `data`).
   */
  | { k: "scope"; op: ScopeOperator; data: Node; body: Node; init: Node | null }
  /** Anything outside the allow-list: delegated to json-logic-js as is. */
  | { k: "ref"; logic: unknown };

/** Deeper than this, a rule is handed to json-logic-js whole rather than parsed recursively. */
export const MAX_PARSE_DEPTH = 256;

const constant = (v: unknown): Node => ({ k: "const", v });

function isLogic(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Object.keys(x).length === 1;
}

/**
 * Iterative depth of nested arrays/objects; stops once `limit` is passed (so cycles end too) or
 * after `maxNodes` visits (shared sub-trees can make a small object expand enormously).
 */
export function nestingDepth(value: unknown, limit: number, maxNodes = 1_000_000): number {
  let max = 0;
  let visited = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (++visited > maxNodes) return Infinity;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (typeof c === "object" && c !== null) stack.push([c, depth]);
  }
  return max;
}

/** Parses rule JSON into nodes without folding anything. */
export function parse(logic: unknown): Node {
  if (nestingDepth(logic, MAX_PARSE_DEPTH) > MAX_PARSE_DEPTH) return { k: "ref", logic };
  return parseNode(logic);
}

function parseNode(logic: unknown): Node {
  if (Array.isArray(logic)) return { k: "array", items: logic.map(parseNode) };
  if (!isLogic(logic)) return constant(logic);
  const op = Object.keys(logic)[0]!;
  const raw = logic[op];
  const values = Array.isArray(raw) ? raw : [raw];
  if (op === "if" || op === "?:") return { k: "if", args: normaliseIf(values.map(parseNode)) };
  if (op === "and" || op === "or") return { k: op, args: values.map(parseNode) };
  if (isEagerOperator(op)) return { k: "op", op, args: values.map(parseNode) };
  if (isScopeOperator(op)) {
    // json-logic-js: `typeof values[2] !== "undefined" ? apply(values[2], data) : null`.
    const init = op === "reduce" && values[2] !== undefined ? parseNode(values[2]) : null;
    return { k: "scope", op, data: parseNode(values[0]), body: parseNode(values[1]), init };
  }
  return { k: "ref", logic };
}

function normaliseIf(args: Node[]): Node[] {
  return args.length % 2 === 1 ? args : [...args, constant(null)];
}

/** What is known while folding: the source side of the pair context, when fixed. */
export interface FoldEnv {
  source?: Record<string, unknown>;
}

/**
 * Partial evaluation: replaces `source.*` lookups with their values (when `env.source` is given)
 * and evaluates every subtree whose inputs are then constant, keeping json-logic-js's
 * short-circuit order so that a folded rule returns exactly what the original would.
 */
export function fold(node: Node, env: FoldEnv): Node {
  switch (node.k) {
    case "const":
    case "throw":
    case "ref":
      return node;
    case "array": {
      const items = node.items.map((n) => fold(n, env));
      const thrown = items.find((n) => n.k === "throw");
      if (thrown) return thrown;
      if (items.every((n) => n.k === "const")) return constant(items.map((n) => (n as { v: unknown }).v));
      return { k: "array", items };
    }
    case "and":
    case "or":
      return foldAndOr(node.k, node.args, env);
    case "if":
      return foldIf(node.args, env);
    case "op":
      return foldOp(node.op, node.args.map((n) => fold(n, env)), env);
    case "scope":
      return foldScope(node, env);
  }
}

/** The body reads the element, never the pair, so only constants fold inside it. */
function foldScope(node: Extract<Node, { k: "scope" }>, env: FoldEnv): Node {
  const data = fold(node.data, env);
  if (data.k === "throw") return data;
  const init = node.init && fold(node.init, env);
  if (init?.k === "throw") return init;
  const folded: Node = { k: "scope", op: node.op, data, body: fold(node.body, {}), init };
  if (data.k === "const" && (!init || init.k === "const")) return evaluate(() => interpret(folded, undefined));
  return folded;
}

function foldAndOr(kind: "and" | "or", args: Node[], env: FoldEnv): Node {
  // `and` stops at the first falsy operand, `or` at the first truthy one; both return the operand.
  const stops = (v: unknown) => (kind === "and" ? !truthy(v) : truthy(v));
  const kept: Node[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = fold(args[i]!, env);
    const last = i === args.length - 1;
    if (a.k === "const") {
      if (stops(a.v) || last) {
        if (kept.length === 0) return a;
        kept.push(a);
        break;
      }
      continue;
    }
    if (a.k === "throw" && kept.length === 0) return a;
    kept.push(a);
    if (a.k === "throw") break;
  }
  if (kept.length === 0) return constant(undefined);
  if (kept.length === 1) return kept[0]!;
  return { k: kind, args: kept };
}

function foldIf(args: Node[], env: FoldEnv): Node {
  const kept: Node[] = [];
  let elseNode: Node | null = null;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const cond = fold(args[i]!, env);
    if (cond.k === "const") {
      if (!truthy(cond.v)) continue;
      elseNode = fold(args[i + 1]!, env);
      break;
    }
    if (cond.k === "throw" && kept.length === 0) return cond;
    kept.push(cond, fold(args[i + 1]!, env));
    if (cond.k === "throw") {
      elseNode = constant(null);
      break;
    }
  }
  elseNode ??= fold(args[args.length - 1]!, env);
  if (kept.length === 0) return elseNode;
  return { k: "if", args: [...kept, elseNode] };
}

function sourcePath(key: unknown): string[] | null {
  if (typeof key !== "string" && typeof key !== "number") return null;
  if (key === "") return null;
  const props = String(key).split(".");
  return props[0] === "source" ? props : null;
}

function foldOp(op: EagerOperator, args: Node[], env: FoldEnv): Node {
  // All arguments are evaluated before the operator, so any throwing argument makes it throw.
  const thrown = args.find((n) => n.k === "throw");
  if (thrown) return thrown;
  const node: Node = { k: "op", op, args };
  if (!args.every((n) => n.k === "const")) return node;
  const values = args.map((n) => (n as { v: unknown }).v);
  if (isPureOperator(op)) return evaluateConstant(op, values);
  if (!env.source) return node;
  const known = { source: env.source };
  if (op === "var") {
    const props = sourcePath(values[0]);
    if (!props) return node;
    const notFound = values[1] === undefined ? null : values[1];
    return constant(lookupPath(known, props, notFound));
  }
  if (op === "missing") {
    const keys = Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    if (!keys.every((k) => typeof k === "string" && sourcePath(k))) return node;
    return constant(missingOp(known, values));
  }
  const [need, options] = values;
  const primitive = need === null || typeof need !== "object";
  if (!primitive || !Array.isArray(options) || !options.every((k) => typeof k === "string" && sourcePath(k))) return node;
  return evaluate(() => missingSomeOp(known, need, options));
}

function evaluateConstant(op: EagerOperator, values: unknown[]): Node {
  return evaluate(() => applyEager(op, values, undefined));
}

function evaluate(fn: () => unknown): Node {
  try {
    return constant(fn());
  } catch (e) {
    return { k: "throw", e };
  }
}
