import { interpret } from "./interpret";
import type { Node } from "./ir";
import * as ref from "./reference";

/** Evaluates one rule against a pair context and returns json-logic-js's raw result. */
export type RuleFunction = (ctx: unknown) => unknown;

type Kind = "bool" | "num" | "str" | "any";
interface Expr {
  /** A literal or a temporary: safe to repeat without re-evaluating anything. */
  code: string;
  kind: Kind;
}

/** Helpers reachable from generated code as `R.*`. */
const runtime = {
  varOp: ref.varOp,
  missingOp: ref.missingOp,
  missingSomeOp: ref.missingSomeOp,
  inOp: ref.inOp,
  catOp: ref.catOp,
  substrOp: ref.substrOp,
  timesOp: ref.timesOp,
  mergeOp: ref.mergeOp,
  referenceApply: ref.referenceApply,
};

/** Small string lists are searched with indexOf; longer all-string lists through a Set (same answers: strict equality on strings). */
const SET_THRESHOLD = 8;

/** Turns nodes into JavaScript statements that evaluate them exactly as json-logic-js would. */
export class Emitter {
  readonly consts: unknown[] = [];
  private lines: string[] = [];
  private temps: string[] = [];
  private label = 0;

  constant(v: unknown): string {
    this.consts.push(v);
    return `K[${this.consts.length - 1}]`;
  }

  literal(v: unknown): Expr {
    if (v === undefined) return { code: "undefined", kind: "any" };
    if (v === null) return { code: "null", kind: "any" };
    if (typeof v === "boolean") return { code: String(v), kind: "bool" };
    if (typeof v === "number") {
      if (Object.is(v, -0)) return { code: "(-0)", kind: "num" };
      return { code: v < 0 ? `(${String(v)})` : String(v), kind: "num" };
    }
    if (typeof v === "string") return { code: JSON.stringify(v), kind: "str" };
    return { code: this.constant(v), kind: "any" };
  }

  temp(): string {
    const t = `t${this.temps.length}`;
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

  emit(node: Node): Expr {
    switch (node.k) {
      case "const":
        return this.literal(node.v);
      case "throw":
        this.push(`throw ${this.constant(node.e)};`);
        return { code: "undefined", kind: "any" };
      case "ref": {
        const t = this.temp();
        this.push(`${t} = R.referenceApply(${this.constant(node.logic)}, c);`);
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
    }
  }

  private emitAndOr(kind: "and" | "or", args: Node[]): Expr {
    const t = this.temp();
    const label = `L${this.label++}`;
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
    const label = `L${this.label++}`;
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
        return set(`${list}.join("")`, "str");
      case "substr":
        return set(`R.substrOp(${a}, ${b}, ${args[2]?.code ?? "undefined"})`, "str");
      case "merge":
        return set(`R.mergeOp(${list})`, "any");
      case "missing":
        return set(`R.missingOp(c, ${list})`, "any");
      case "missing_some":
        return set(`R.missingSomeOp(c, ${a}, ${b})`, "any");
      default:
        throw new Error(`codegen: unhandled operator ${op}`);
    }
  }

  private inCode(a: string, b: string, haystack: Node | undefined): string {
    if (haystack?.k === "const") {
      const h = haystack.v;
      if (!h) return "false";
      if (Array.isArray(h)) {
        if (h.length > SET_THRESHOLD && h.every((x) => typeof x === "string")) {
          return `(typeof ${a} === "string" && ${this.constant(new Set(h))}.has(${a}))`;
        }
        return `${this.constant(h)}.indexOf(${a}) !== -1`;
      }
      if (typeof h === "string") return `${JSON.stringify(h)}.indexOf(${a}) !== -1`;
    }
    return `R.inOp(${a}, ${b})`;
  }

  private emitVar(nodes: Node[]): Expr {
    // json-logic-js evaluates every argument (even unused ones) before looking anything up.
    const args = nodes.map((n) => this.emit(n));
    const [pathNode, defaultNode] = nodes;
    const rawDefault = args[1]?.code ?? "undefined";
    const t = this.temp();
    if (pathNode && pathNode.k !== "const") {
      this.push(`${t} = R.varOp(c, ${args[0]!.code}, ${rawDefault});`);
      return { code: t, kind: "any" };
    }
    const path = pathNode?.v;
    if (path === undefined || path === "" || path === null) {
      this.push(`${t} = c;`);
      return { code: t, kind: "any" };
    }
    let nf = "null";
    if (defaultNode?.k === "const") nf = defaultNode.v === undefined ? "null" : rawDefault;
    else if (defaultNode) nf = `(${rawDefault} === undefined ? null : ${rawDefault})`;
    const props = String(path).split(".");
    const head = props[0] === "source" ? "S" : props[0] === "target" ? "T" : `c[${JSON.stringify(props[0])}]`;
    this.push(`${t} = ${head};`);
    this.push(chain(t, props, 0, nf));
    return { code: t, kind: "any" };
  }
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

/** Compiles generated code with the runtime helpers and constants bound; null where code generation is unavailable. */
export function build<T>(params: string, body: string, consts: unknown[]): T | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from a validated AST; literals are JSON-escaped, other constants passed by reference
    const factory = new Function("R", "K", `"use strict"; return ${params} => {\n${body}\n};`) as (r: unknown, k: unknown[]) => T;
    return factory(runtime, consts);
  } catch {
    // No code generation available (e.g. a CSP that forbids it): callers fall back to the interpreter.
    return null;
  }
}

/** Compiles one node into a function returning its raw value (as json-logic-js would, throwing where it throws). */
export function generateRule(node: Node): RuleFunction {
  const em = new Emitter();
  const result = em.emit(node);
  const { decl, body } = em.flush();
  const fn = build<RuleFunction>("(c)", `const S = c.source, T = c.target;\n${decl}\n${body}\nreturn ${result.code};`, em.consts);
  return fn ?? ((ctx) => interpret(node, ctx));
}
