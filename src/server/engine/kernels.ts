import { buildMany, RUNTIME } from "./codegen";
import { Emitter } from "./emit";
import { interpret } from "./interpret";
import type { Node } from "./ir";
import { lookupPath, truthy } from "./reference";
import { ruleStatus } from "./semantics";
import { STATUS } from "./status";

/**
 * Rule kernels — the performance layer under `TargetBatch`. A kernel evaluates one rule, already
 * folded with the selected source, for every target of a batch, and adds each target's status to
 * the per-target totals. It must give, for every target, exactly
 * `ruleStatus(truthy(jsonLogic.apply(rule, ctx)) && !threw, readsMissingVar)` (semantics.ts).
 * Rules whose status is a function of a few target columns skip kernels: tables.ts.
 *
 * Why this shape:
 * - small functions (one rule each): V8 optimises each within its first call (on-stack
 *   replacement in the target loop), instead of one huge function it takes seconds to optimise;
 * - every constant goes through the `K` array, so all selections whose rule folds to the same
 *   shape (e.g. `target.price <= K[0]` for any budget) share one function and its optimised code:
 *   the cache below is keyed by the generated text;
 * - target fields are read from columns (dense arrays gathered once per target list);
 * - the pass weight is added rule by rule in slot order, so every sum is the one rule-by-rule
 *   evaluation gives;
 * - no try/catch in the loop unless the rule can throw on ordinary data: a throw node of the folded
 *   rule is emitted as "does not pass"; rules with nodes that may throw (a subtree delegated to
 *   json-logic-js, a size bound, re-applied `missing` keys) are guarded (their own statements in
 *   try/catch). The others can only throw on exotic values (an object whose own `toString` is not
 *   a function, say): the kernel records the target it is on in `A.at` and writes that target's
 *   status and totals only after the rule's answer, and the caller, catching outside the loop,
 *   evaluates that target with the interpreter and resumes after it (`TargetBatch.runKernel`);
 * - targets in tiles (`TILE` at a time, every kernel over a tile before the next), so a tile's
 *   column entries stay in the CPU cache for all rules.
 */
export type Kernel = (
  C: readonly unknown[],
  TT: readonly unknown[],
  from: number,
  to: number,
  K: readonly unknown[],
  A: Totals,
  slot: number,
  required: number,
  weight: number,
  unknownIfFalse: number,
  /** The target columns the kernel reads (`KernelCode.columns`, gathered by the caller). */
  COL: readonly (readonly unknown[])[],
) => void;

/** Per-target totals and statuses a batch accumulates into (see semantics.ts: StatusTotals). */
export interface Totals {
  /** `status[slot * targets + i]`: STATUS of rule `slot` for target i (rule-major: a kernel writes a run of bytes). */
  status: Uint8Array;
  rules: number;
  targets: number;
  passWeight: Float64Array;
  notPassing: Int32Array;
  requiredFail: Int32Array;
  requiredUnknown: Int32Array;
  unknown: Int32Array;
  /** The target an unguarded kernel is evaluating (so a caller can resume after an unexpected throw). */
  at: number;
}

/** A folded rule ready to become part of a kernel: its statements for one target, and its constants. */
export interface KernelCode {
  /** Statements for target `i` that set `<p>pass`, then the status and totals; every declared name starts with `MEMBER_PREFIX`. */
  member: string;
  /** Declarations before the loop (constant and column locals, temporaries), same prefix. */
  head: string;
  K: unknown[];
  /** The rule has nodes that may throw on ordinary data: wrap it in try/catch (`guarded`). */
  mayThrow: boolean;
  /** The code reads whole pair contexts (`c`, `S`), not only targets. */
  needsContext: boolean;
  usesS: boolean;
  usesT: boolean;
  /** Target paths the code reads as columns (see emit.ts `targetColumns`), and their keys. */
  columns: string[][];
  columnKeys: string[];
  /** Per column: only whether it is missing matters (it is read only to tell unknown from fail). */
  presenceOnly: boolean[];
}

/** A generated kernel for one rule: `G` holds its constants, status offset, flags, weight and columns (see `KernelArgs`). */
export type RuleKernel = (C: readonly unknown[], TT: readonly unknown[], from: number, to: number, A: Totals, G: KernelArgs) => void;

export interface KernelArgs {
  K: readonly unknown[];
  slot: number;
  req: number;
  w: number;
  uf: number;
  cols: readonly (readonly unknown[])[];
}

const { FAIL, PASS, UNKNOWN } = STATUS;
/** Stands for a rule's name prefix in `KernelCode` text: a character JSON always escapes, so it never occurs in a spliced literal. */
const MEMBER_PREFIX = "\u0001";
const P = MEMBER_PREFIX;

/** Generates the code of one rule for `node`; `missingPaths` are the target-side var paths that make a falsy result unknown. */
export function kernelCode(node: Node, missingPaths: readonly (readonly string[])[]): KernelCode {
  const em = new Emitter({ mode: "status", onThrow: `break ${P}RULE;`, constantsBySlot: true, targetColumns: true, prefix: P });
  const result = em.emit(node);
  const test = em.truthy(result);
  const valueColumns = em.columns.length;
  const missing = missingPaths.map((p) => {
    const t = em.temp();
    em.push(em.lookup(t, [...p], "null"));
    return t;
  });
  const { decl, body } = em.flush();
  const [ruleBody, missingBody] = splitAfter(body, missingPaths.length);
  const onPass = `st[so + i] = ${PASS}; pw[i] += w;`;
  const onUnknown = `st[so + i] = ${UNKNOWN}; np[i]++; un[i]++; ru[i] += req;`;
  const onFail = `st[so + i] = ${FAIL}; np[i]++; rf[i] += req;`;
  const falsy =
    missing.length === 0
      ? `if (uf === 1) { ${onUnknown} } else { ${onFail} }`
      : `if (uf === 1) { ${onUnknown} } else {\n${missingBody}\nif (${missing.map((t) => `${t} === null`).join(" || ")}) { ${onUnknown} } else { ${onFail} } }`;
  // The missing-path lookups were emitted too, so `uses` covers them.
  const cols = em.columns.length ? `const ${em.columns.map((_, j) => `${P}col${j} = COL[${j}]`).join(", ")};` : "";
  const head = `${em.constantLocals("K")}\n${cols}\n${decl}`;
  const member = `let ${P}pass = false;\n${P}RULE: {\n${ruleBody}\n${P}pass = ${test};\n}\nif (${P}pass) { ${onPass} } else { ${falsy} }`;
  return {
    member,
    head,
    K: em.consts,
    mayThrow: em.mayThrow,
    needsContext: em.uses.c || em.uses.S,
    usesS: em.uses.S,
    usesT: em.uses.T,
    columns: em.columns,
    columnKeys: em.columns.map((p) => JSON.stringify(p)),
    presenceOnly: em.columns.map((_, j) => j >= valueColumns),
  };
}

/**
 * The text of one rule's kernel over targets [from, to): per target, the rule's statements (in
 * try/catch when guarded), then its status and the target's totals.
 */
export function ruleKernelText(code: KernelCode, guarded: boolean): string {
  const sides = [code.needsContext ? "const c = C[i];" : "", code.usesS ? "const S = c == null ? undefined : c.source;" : "", code.usesT ? "const T = TT[i];" : ""].join(" ");
  let member = code.member.replaceAll(P, "r_");
  if (guarded) {
    // Only the rule's own statements are guarded (`let pass` stays outside): the status bookkeeping cannot throw.
    const from = member.indexOf("\n");
    const to = member.indexOf("\nif (r_pass)");
    member = `${member.slice(0, from)}\ntry {${member.slice(from, to)}\n} catch (e) {}${member.slice(to)}`;
  }
  return [
    "(R) => (C, TT, from, to, A, G) => {",
    "const st = A.status, N = A.targets, pw = A.passWeight, np = A.notPassing, rf = A.requiredFail, ru = A.requiredUnknown, un = A.unknown;",
    "const so = G.slot * N, req = G.req, w = G.w, uf = G.uf, K = G.K, COL = G.cols;",
    code.head.replaceAll(P, "r_"),
    "for (let i = from; i < to; i++) {",
    `A.at = i; ${sides}`,
    member,
    "}",
    "}",
  ].join("\n");
}

/** The emitter writes the missing-path lookups last, one line each: split them off the rule's statements. */
function splitAfter(body: string, tailLines: number): [string, string] {
  if (tailLines === 0) return [body, ""];
  const lines = body.split("\n");
  return [lines.slice(0, lines.length - tailLines).join("\n"), lines.slice(lines.length - tailLines).join("\n")];
}

/** Generated kernels by text, shared by every rule set in the process (bounded; cleared when full). */
const cache = new Map<string, RuleKernel>();
const CACHE_LIMIT = 4096;

/** The kernels for `texts`, compiling the ones not cached yet with a single `new Function`. */
export function kernels(texts: readonly string[]): (RuleKernel | null)[] {
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  if (missing.length > 0) {
    if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
    const factories = buildMany<RuleKernel>(missing);
    if (!factories) return texts.map((t) => cache.get(t) ?? null);
    missing.forEach((t, i) => cache.set(t, factories[i]!(RUNTIME)));
  }
  return texts.map((t) => cache.get(t)!);
}

/** The kernel semantics without code generation (and the fallback when it is unavailable). */
export function interpretKernel(node: Node, missingPaths: readonly (readonly string[])[]): Kernel {
  return (C, _TT, from, to, _K, A, slot, required, weight, unknownIfFalse) => {
    for (let i = from; i < to; i++) {
      const ctx = C[i];
      let passes = false;
      try {
        passes = truthy(interpret(node, ctx));
      } catch {
        // json-logic-js would throw: the rule does not pass.
      }
      const missing = !passes && (unknownIfFalse === 1 || missingPaths.some((p) => lookupPath(ctx, p, null) === null));
      const status = ruleStatus(passes, missing);
      A.status[slot * A.targets + i] = status;
      if (status === PASS) A.passWeight[i]! += weight;
      else {
        A.notPassing[i]!++;
        if (status === UNKNOWN) {
          A.unknown[i]!++;
          A.requiredUnknown[i]! += required;
        } else A.requiredFail[i]! += required;
      }
    }
  };
}
