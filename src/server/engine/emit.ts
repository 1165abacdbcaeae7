import type { Node } from "./ir";
import type { ScopeOperator } from "./operators";

/**
 * Code generation, the writing half (codegen.ts compiles what is written): turns parsed (and
 * folded) rules into JavaScript that computes exactly what json-logic-js computes for the same
 * JSON. This is a performance layer only: whatever it emits must preserve, for every rule and
 * every data,
 * - the raw value `jsonLogic.apply` returns (value mode), or at least its truthiness (status mode);
 * - throwing exactly where json-logic-js throws (status mode turns a throw into "does not pass");
 * - json-logic-js's evaluation order: all arguments of an eager operator before it runs, `and`/`or`
 *   short-circuiting on their own truthiness, `if` evaluating only the branch it takes, array
 *   operators evaluating their list first and their body once per element in order.
 * The interpreter (`interpret.ts`) is the plain reading of the same semantics; the property tests
 * and the JsonLogic shared suite hold both against json-logic-js.
 */

type Kind = "bool" | "num" | "str" | "any";
export interface Expr {
  /** A literal or a temporary: safe to repeat without re-evaluating anything. */
  code: string;
  kind: Kind;
}

/** Small constant lists are searched by a chain of `===`; longer all-string lists through a Set; others with indexOf (all strict equality). */
const UNROLL_THRESHOLD = 8;

/** A `Set` per constant list, shared by every selection that folds to the same list. */
const setCache = new WeakMap<readonly unknown[], Set<unknown>>();

function setOf(list: readonly unknown[]): Set<unknown> {
  let s = setCache.get(list);
  if (!s) setCache.set(list, (s = new Set(list)));
  return s;
}

export interface EmitOptions {
  /**
   * `value`: the code computes json-logic-js's raw value and throws where it throws.
   * `status`: only truthiness matters; a throwing node jumps to `onThrow` (a statement) instead.
   */
  mode: "value" | "status";
  /** Status mode: what a throwing node does (e.g. `break RULE;` with `pass` still false). */
  onThrow?: string;
  /**
   * Every constant, primitives included, goes through the `K` array (read once into locals
   * `k0`, `k1`, … — see `constantLocals`) instead of into the code, so rules that fold to the same
   * shape share one generated function and its optimised code.
   */
  constantsBySlot?: boolean;
  /**
   * Kernels: a `target.<path>` lookup at the top scope reads `colJ[i]`, the raw value at that path
   * of target i gathered beforehand (`columnValue`), instead of walking the target object — rules
   * then read dense arrays, not one field of each of thousands of objects. Only the lookup moves:
   * the default (`null` unless given) is still applied in the code, exactly where `var` applies it.
   */
  targetColumns?: boolean;
  /** Prefix of every name the code declares (temporaries, labels, constant and column locals), so several rules' code can share one function. */
  prefix?: string;
}

interface Scope {
  /** The data variable (`c` for the pair context, or an element temporary). */
  data: string;
  /** The pair context: `source.*` / `target.*` read through `S` / `T`. */
  top: boolean;
}

/** Turns nodes into JavaScript statements that evaluate them exactly as json-logic-js would. */
export class Emitter {
  readonly consts: unknown[] = [];
  /** Which of the context variables the code reads (`c`, `S` = c.source, `T` = c.target). */
  readonly uses = { c: false, S: false, T: false };
  /** The code may throw on ordinary data (a `ref` delegated to json-logic-js, a size bound, re-applied `missing` keys). */
  mayThrow = false;
  /** Target paths read through columns (`targetColumns`), `colJ` being `columns[J]`. */
  readonly columns: string[][] = [];
  private readonly columnIndex = new Map<string, number>();
  private lines: string[] = [];
  private temps: string[] = [];
  private label = 0;
  private scope: Scope = { data: "c", top: true };

  private readonly p: string;

  constructor(private readonly options: EmitOptions = { mode: "value" }) {
    this.p = options.prefix ?? "";
  }

  /** A reference to constant `v` (`K[i]`, or the local `ki` when constants go by slot). */
  constant(v: unknown): string {
    let i = this.consts.indexOf(v);
    if (i === -1 || typeof v === "number") i = this.consts.push(v) - 1;
    return this.options.constantsBySlot ? `${this.p}k${i}` : `K[${i}]`;
  }

  /** `const k0 = K[0], …;` for the constants used (constants-by-slot mode). */
  constantLocals(K = "K"): string {
    return this.consts.length ? `const ${this.consts.map((_, i) => `${this.p}k${i} = ${K}[${i}]`).join(", ")};` : "";
  }

  literal(v: unknown): Expr {
    if (v === undefined) return { code: "undefined", kind: "any" };
    if (v === null) return { code: "null", kind: "any" };
    const kind: Kind = typeof v === "boolean" ? "bool" : typeof v === "number" ? "num" : typeof v === "string" ? "str" : "any";
    if (this.options.constantsBySlot || kind === "any") return { code: this.constant(v), kind };
    if (typeof v === "number") {
      if (Object.is(v, -0)) return { code: "(-0)", kind };
      return { code: v < 0 ? `(${String(v)})` : String(v), kind };
    }
    return { code: typeof v === "string" ? JSON.stringify(v) : String(v), kind };
  }

  temp(): string {
    const t = `${this.p}t${this.temps.length}`;
    this.temps.push(t);
    return t;
  }

  push(line: string): void {
    this.lines.push(line);
  }

  /** Takes the statements and temporaries emitted since the last call. */
  flush(): { decl: string; body: string } {
    const decl = this.temps.length ? `let ${this.temps.join(", ")};` : "";
    const body = this.lines.join("\n");
    this.lines = [];
    this.temps = [];
    return { decl, body };
  }

  truthy(e: Expr): string {
    if (e.kind === "bool") return e.code;
    if (e.kind !== "any") return `!!${e.code}`;
    return `(!!${e.code} && !(Array.isArray(${e.code}) && ${e.code}.length === 0))`;
  }

  private data(): string {
    if (this.scope.top) this.uses.c = true;
    return this.scope.data;
  }

  emit(node: Node): Expr {
    switch (node.k) {
      case "const":
        return this.literal(node.v);
      case "throw":
        if (this.options.mode === "status") this.push(this.options.onThrow ?? "throw 0;");
        else this.push(`throw ${this.constant(node.e)};`);
        return { code: "undefined", kind: "any" };
      case "ref": {
        this.mayThrow = true;
        const t = this.temp();
        this.push(`${t} = R.referenceApply(${this.constant(node.logic)}, ${this.data()});`);
        return { code: t, kind: "any" };
      }
      case "array": {
        const items = node.items.map((n) => this.emit(n).code);
        const t = this.temp();
        this.push(`${t} = [${items.join(", ")}];`);
        return { code: t, kind: "any" };
      }
      case "and":
      case "or":
        return this.emitAndOr(node.k, node.args);
      case "if":
        return this.emitIf(node.args);
      case "op":
        return this.emitOp(node.op, node.args);
      case "scope":
        return this.emitScope(node.op, node.data, node.body, node.init);
    }
  }

  private emitAndOr(kind: "and" | "or", args: Node[]): Expr {
    const t = this.temp();
    const label = `${this.p}L${this.label++}`;
    const kinds = new Set<Kind>();
    this.push(`${t} = undefined; ${label}: {`);
    args.forEach((a, i) => {
      const e = this.emit(a);
      kinds.add(e.kind);
      this.push(`${t} = ${e.code};`);
      if (i < args.length - 1) {
        const cond = this.truthy({ code: t, kind: e.kind });
        this.push(kind === "and" ? `if (!(${cond})) break ${label};` : `if (${cond}) break ${label};`);
      }
    });
    this.push("}");
    return { code: t, kind: joinKinds(kinds, args.length === 0) };
  }

  private emitIf(args: Node[]): Expr {
    const t = this.temp();
    const label = `${this.p}L${this.label++}`;
    const kinds = new Set<Kind>();
    this.push(`${label}: {`);
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      const cond = this.emit(args[i]!);
      this.push(`if (${this.truthy(cond)}) {`);
      const branch = this.emit(args[i + 1]!);
      kinds.add(branch.kind);
      this.push(`${t} = ${branch.code}; break ${label}; }`);
    }
    const otherwise = this.emit(args[i]!);
    kinds.add(otherwise.kind);
    this.push(`${t} = ${otherwise.code}; }`);
    return { code: t, kind: joinKinds(kinds, false) };
  }

  /** json-logic-js's array operators, as loops; the body sees the element (or `{ current, accumulator }`) as its data. */
  private emitScope(op: ScopeOperator, dataNode: Node, body: Node, init: Node | null): Expr {
    const a = this.temp();
    this.push(`${a} = ${this.emit(dataNode).code};`);
    const initCode = op === "reduce" ? (init ? this.emit(init).code : "null") : "";
    const t = this.temp(), i = this.temp(), e = this.temp();
    const loop = `for (${i} = 0; ${i} < ${a}.length; ${i}++) {`;
    const inside = (element: string, item: string): Expr => {
      const outer = this.scope;
      this.scope = { data: element, top: false };
      this.push(`${element} = ${item};`);
      const r = this.emit(body);
      this.scope = outer;
      return r;
    };
    const isArray = `Array.isArray(${a})`;
    switch (op) {
      case "all": case "some": case "none": {
        // all: false for a non-list or an empty list, else false at the first falsy element;
        // some: true at the first truthy element; none: false at the first truthy element.
        this.push(`${t} = ${op === "some" ? "false" : "true"};`);
        if (op === "all") this.push(`if (!${isArray} || ${a}.length === 0) ${t} = false; else ${loop}`);
        else this.push(`if (${isArray}) ${loop}`);
        const test = this.truthy(inside(e, `${a}[${i}]`));
        this.push(op === "all" ? `if (!(${test})) { ${t} = false; break; } }` : `if (${test}) { ${t} = ${op === "some"}; break; } }`);
        return { code: t, kind: "bool" };
      }
      case "filter": case "map": {
        this.push(`${t} = []; if (${isArray}) ${loop}`);
        const r = inside(e, `${a}[${i}]`);
        this.push(op === "filter" ? `if (${this.truthy(r)}) ${t}.push(${e}); }` : `${t}.push(${r.code}); }`);
        return { code: t, kind: "any" };
      }
      case "reduce": {
        this.mayThrow = true;
        this.push(`${t} = ${initCode}; if (${isArray}) ${loop}`);
        const r = inside(e, `{ current: ${a}[${i}], accumulator: ${t} }`);
        this.push(`${t} = R.bounded(${r.code}); }`);
        return { code: t, kind: "any" };
      }
    }
  }

  private emitOp(op: string, nodes: Node[]): Expr {
    if (op === "var") return this.emitVar(nodes);
    const args = nodes.map((n) => this.emit(n));
    const a = args[0]?.code ?? "undefined";
    const b = args[1]?.code ?? "undefined";
    const list = `[${args.map((x) => x.code).join(", ")}]`;
    const t = this.temp();
    const set = (code: string, kind: Kind): Expr => {
      this.push(`${t} = ${code};`);
      return { code: t, kind };
    };
    switch (op) {
      case "==": case "===": case "!=": case "!==": case ">": case ">=":
        return set(`${a} ${op} ${b}`, "bool");
      case "<": case "<=": {
        const c = nodes[2];
        if (!c || (c.k === "const" && c.v === undefined)) return set(`${a} ${op} ${b}`, "bool");
        const cc = args[2]!.code;
        if (c.k === "const") return set(`${a} ${op} ${b} && ${b} ${op} ${cc}`, "bool");
        return set(`${cc} === undefined ? ${a} ${op} ${b} : (${a} ${op} ${b} && ${b} ${op} ${cc})`, "bool");
      }
      case "!!":
        return set(this.truthy(args[0] ?? this.literal(undefined)), "bool");
      case "!":
        return set(`!(${this.truthy(args[0] ?? this.literal(undefined))})`, "bool");
      case "%": case "/":
        return set(`${a} ${op} ${b}`, "num");
      case "-": {
        const bn = nodes[1];
        if (!bn || (bn.k === "const" && bn.v === undefined)) return set(`-${a}`, "num");
        if (bn.k === "const") return set(`${a} - ${b}`, "num");
        return set(`${b} === undefined ? -${a} : ${a} - ${b}`, "num");
      }
      case "+":
        // parseFloat(acc) is the identity on the running sum: it starts at 0 and can never be -0.
        return set(["0", ...args.map((x) => `parseFloat(${x.code})`)].join(" + "), "num");
      case "*": {
        // Array.prototype.reduce without a seed: a lone argument comes back untouched, and the
        // running product goes through parseFloat again (which turns -0 into 0).
        if (args.length === 0) return set(`R.timesOp([])`, "any");
        if (args.length === 1) return set(a, args[0]!.kind);
        const product = args.slice(1).reduce((acc, x) => `parseFloat(${acc}) * parseFloat(${x.code})`, a);
        return set(product, "num");
      }
      case "min": case "max":
        return set(`Math.${op}(${args.map((x) => x.code).join(", ")})`, "num");
      case "in":
        return set(this.inCode(a, b, nodes[1]), "bool");
      case "cat":
        this.mayThrow = true;
        return set(`R.catOp(${list})`, "str");
      case "substr":
        return set(`R.substrOp(${a}, ${b}, ${args[2]?.code ?? "undefined"})`, "str");
      case "merge":
        this.mayThrow = true;
        return set(`R.mergeOp(${list})`, "any");
      case "missing": {
        const keys = nodes.length === 1 && nodes[0]!.k === "const" && Array.isArray(nodes[0]!.v) ? (nodes[0]!.v as unknown[]) : nodes.map((n) => (n.k === "const" ? n.v : {}));
        // A key that is not a primitive is re-applied as logic by json-logic-js (it may throw).
        if (!keys.every(isPrimitive)) this.mayThrow = true;
        return set(`R.missingOp(${this.data()}, ${list})`, "any");
      }
      case "missing_some": {
        const options = nodes[1];
        if (options?.k !== "const" || !Array.isArray(options.v) || !options.v.every(isPrimitive)) this.mayThrow = true;
        return set(`R.missingSomeOp(${this.data()}, ${a}, ${b})`, "any");
      }
      default:
        throw new Error(`codegen: unhandled operator ${op}`);
    }
  }

  private inCode(a: string, b: string, haystack: Node | undefined): string {
    if (haystack?.k === "const") {
      const h = haystack.v;
      if (!h) return "false";
      if (Array.isArray(h)) {
        // Array.prototype.indexOf is strict equality, element by element.
        if (h.length <= UNROLL_THRESHOLD) return h.length === 0 ? "false" : `(${h.map((x) => `${a} === ${this.constant(x)}`).join(" || ")})`;
        if (h.every((x) => typeof x === "string")) return `(typeof ${a} === "string" && ${this.constant(setOf(h))}.has(${a}))`;
        return `${this.constant(h)}.indexOf(${a}) !== -1`;
      }
      if (typeof h === "string") return `${b}.indexOf(${a}) !== -1`;
    }
    return `R.inOp(${a}, ${b})`;
  }

  private emitVar(nodes: Node[]): Expr {
    // json-logic-js evaluates every argument (even unused ones) before looking anything up.
    const [pathNode, defaultNode] = nodes;
    const t = this.temp();
    if (pathNode && pathNode.k !== "const") {
      const args = nodes.map((n) => this.emit(n));
      this.push(`${t} = R.varOp(${this.data()}, ${args[0]!.code}, ${args[1]?.code ?? "undefined"});`);
      return { code: t, kind: "any" };
    }
    const rawDefault = defaultNode ? this.emit(defaultNode).code : "undefined";
    for (const extra of nodes.slice(2)) this.emit(extra);
    const path = pathNode?.v;
    if (path === undefined || path === "" || path === null) {
      this.push(`${t} = ${this.data()};`);
      return { code: t, kind: "any" };
    }
    let nf = "null";
    if (defaultNode?.k === "const") nf = defaultNode.v === undefined ? "null" : rawDefault;
    else if (defaultNode) nf = `(${rawDefault} === undefined ? null : ${rawDefault})`;
    this.push(this.lookup(t, String(path).split("."), nf));
    return { code: t, kind: "any" };
  }

  /** Statements that set `t` to json-logic-js's `var` lookup of `props` in the current scope. */
  lookup(t: string, props: string[], nf: string): string {
    if (this.options.targetColumns && this.scope.top && props[0] === "target" && props.length > 1) {
      const key = JSON.stringify(props);
      let j = this.columnIndex.get(key);
      if (j === undefined) this.columnIndex.set(key, (j = this.columns.push(props) - 1));
      return `${t} = ${this.p}col${j}[i]; if (${t} === undefined) ${t} = ${nf};`;
    }
    if (this.scope.top && (props[0] === "source" || props[0] === "target")) {
      // S / T are `c.source` / `c.target`, or undefined when the context itself is null/undefined.
      const head = props[0] === "source" ? "S" : "T";
      this.uses[head] = true;
      return `${t} = ${head}; ${chain(t, props, 0, nf)}`;
    }
    return `${t} = ${this.data()}; if (${t} == null) ${t} = ${nf}; else { ${t} = ${t}[${JSON.stringify(props[0])}]; ${chain(t, props, 0, nf)} }`;
  }
}

function isPrimitive(k: unknown): boolean {
  return k === null || (typeof k !== "object" && typeof k !== "function");
}

function chain(t: string, props: string[], i: number, nf: string): string {
  if (i === props.length - 1) return `if (${t} === undefined) ${t} = ${nf};`;
  const next = JSON.stringify(props[i + 1]);
  return `if (${t} == null) ${t} = ${nf}; else { ${t} = ${t}[${next}]; ${chain(t, props, i + 1, nf)} }`;
}

function joinKinds(kinds: Set<Kind>, mayBeUndefined: boolean): Kind {
  if (mayBeUndefined || kinds.size !== 1) return "any";
  return [...kinds][0]!;
}
