import { buildMany, Emitter, RUNTIME } from "./codegen";
import { interpret } from "./interpret";
import type { Node } from "./ir";
import { lookupPath, truthy } from "./reference";
import { ruleStatus } from "./semantics";
import { STATUS } from "./status";

/**
 * Rule kernels — the performance layer under `TargetBatch`. A kernel evaluates a rule (or a short
 * run of rules), already folded with the selected source, for every target of a batch, and adds
 * each target's status to the per-target totals. It must give, for every target, exactly
 * `ruleStatus(truthy(jsonLogic.apply(rule, ctx)) && !threw, readsMissingVar)` (semantics.ts).
 *
 * Why this shape:
 * - small functions (one rule with code, or a run of up to 8 status-table rules): V8 optimises
 *   each within its first call (on-stack replacement in the target loop), instead of one huge
 *   function it takes seconds to optimise;
 * - every constant goes through the `K` array, so all selections whose rule folds to the same
 *   shape (e.g. `target.region == K[0]` for any region) share one function and its optimised
 *   code: the cache below is keyed by the generated text; a table run's text depends only on its
 *   length;
 * - target fields are read from columns (dense arrays gathered once per target list), and a rule
 *   whose status depends on one column with few distinct values is looked up in a status table
 *   (columns.ts) instead of evaluated;
 * - a target's integer totals gather in locals and are written once per kernel; the pass weight
 *   starts from the target's entry and adds the members' weights in rule order, so every sum is
 *   the one rule-by-rule evaluation gives;
 * - no try/catch in the loop unless the rule can throw on ordinary data: a throw node of the folded
 *   rule is emitted as "does not pass"; rules with nodes that may throw (a subtree delegated to
 *   json-logic-js, a size bound, re-applied `missing` keys) are guarded (their own statements in
 *   try/catch). The others can only throw on exotic values (an object whose own `toString` is not
 *   a function, say): the kernel records the target it is on in `A.at` and writes that target's
 *   totals only after all its rules, and the caller, catching outside the loop, evaluates that
 *   target's rules with the interpreter and resumes after it (`TargetBatch.runGroup`);
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
  /** Target paths the code reads as columns (see codegen.ts `targetColumns`), and their keys. */
  columns: string[][];
  columnKeys: string[];
}

/**
 * A generated kernel for a group of rules: `G` holds per member its constants, status offset,
 * required flag, weight, unknown-if-false flag and columns (see `GroupArgs`).
 */
export type GroupKernel = (C: readonly unknown[], TT: readonly unknown[], from: number, to: number, A: Totals, G: GroupArgs) => void;

export interface GroupArgs {
  K: readonly (readonly unknown[])[];
  slots: readonly number[];
  req: readonly number[];
  w: readonly number[];
  uf: readonly number[];
  cols: readonly (readonly (readonly unknown[])[])[];
  /** Table members (columns.ts): status per distinct value, and each target's distinct value. */
  tab: readonly (Uint8Array | null)[];
  codes: readonly (Uint16Array | null)[];
  /** Table runs: per member and status, the pass weight to add and the packed integer totals (`tableTotals`). */
  tw: Float64Array | null;
  td: Int32Array | null;
}

const { FAIL, PASS, UNKNOWN } = STATUS;
/** Stands for a member's name prefix in `KernelCode` text: a character JSON always escapes, so it never occurs in a spliced literal. */
const MEMBER_PREFIX = "\u0001";
const P = MEMBER_PREFIX;
/** Stands for a total in member text: a group's local (`NP`), or the target's array entry (`np[i]`) in a one-rule kernel. */
const TOTAL = "\u0002";
const TOTALS: [string, string, string][] = [
  ["PW", "PW", "pw[i]"],
  ["NP", "NP", "np[i]"],
  ["UN", "UN", "un[i]"],
  ["RU", "RU", "ru[i]"],
  ["RF", "RF", "rf[i]"],
];

/** Generates the code of one rule for `node`; `missingPaths` are the target-side var paths that make a falsy result unknown. */
export function kernelCode(node: Node, missingPaths: readonly (readonly string[])[]): KernelCode {
  const em = new Emitter({ mode: "status", onThrow: `break ${P}RULE;`, constantsBySlot: true, targetColumns: true, prefix: P });
  const result = em.emit(node);
  const test = em.truthy(result);
  const missing = missingPaths.map((p) => {
    const t = em.temp();
    em.push(em.lookup(t, [...p], "null"));
    return t;
  });
  const { decl, body } = em.flush();
  const [ruleBody, missingBody] = splitAfter(body, missingPaths.length);
  // Integer totals gather in the group's locals (NP, UN, RU, RF); the pass weight in P, which
  // starts from pw[i] and adds the members' weights in order (the same float sums as one by one).
  const onPass = `st[${P}so + i] = ${PASS}; ${TOTAL}PW += ${P}w;`;
  const onUnknown = `st[${P}so + i] = ${UNKNOWN}; ${TOTAL}NP++; ${TOTAL}UN++; ${TOTAL}RU += ${P}req;`;
  const onFail = `st[${P}so + i] = ${FAIL}; ${TOTAL}NP++; ${TOTAL}RF += ${P}req;`;
  const falsy =
    missing.length === 0
      ? `if (${P}uf === 1) { ${onUnknown} } else { ${onFail} }`
      : `if (${P}uf === 1) { ${onUnknown} } else {\n${missingBody}\nif (${missing.map((t) => `${t} === null`).join(" || ")}) { ${onUnknown} } else { ${onFail} } }`;
  // The missing-path lookups were emitted too, so `uses` covers them.
  const cols = em.columns.length ? `const ${em.columns.map((_, j) => `${P}col${j} = ${P}COL[${j}]`).join(", ")};` : "";
  const head = `${em.constantLocals(`${P}K`)}\n${cols}\n${decl}`;
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
  };
}

/**
 * The text of one kernel running `members` (in order) over targets [from, to): per target, each
 * member's statements (in try/catch when guarded), then the target's totals written once.
 */
export function groupKernelText(members: readonly { code: KernelCode; guarded: boolean; table: boolean }[]): string {
  const any = (f: (c: KernelCode) => boolean) => members.some((m) => !m.table && f(m.code));
  const needsContext = any((c) => c.needsContext);
  const sides = [needsContext ? "const c = C[i];" : "", any((c) => c.usesS) ? "const S = c == null ? undefined : c.source;" : "", any((c) => c.usesT) ? "const T = TT[i];" : ""].join(" ");
  const name = (j: number) => `r${j}_`;
  const heads = members.map(({ code, table }, j) => {
    const p = name(j);
    if (table) return `const ${p}so = G.slots[${j}] * N, ${p}req = G.req[${j}], ${p}w = G.w[${j}], ${p}TAB = G.tab[${j}], ${p}CODES = G.codes[${j}];`;
    return `const ${p}so = G.slots[${j}] * N, ${p}req = G.req[${j}], ${p}w = G.w[${j}], ${p}uf = G.uf[${j}], ${p}K = G.K[${j}], ${p}COL = G.cols[${j}];\n${code.head.replaceAll(P, p)}`;
  });
  const bodies = members.map(({ code, guarded, table }, j) => {
    const p = name(j);
    // The rule's status for this target's value of its one column, computed once per distinct value.
    if (table) return `const ${p}s = ${p}TAB[${p}CODES[i]]; st[${p}so + i] = ${p}s; if (${p}s === ${PASS}) ${TOTAL}PW += ${p}w; else { ${TOTAL}NP++; if (${p}s === ${UNKNOWN}) { ${TOTAL}UN++; ${TOTAL}RU += ${p}req; } else ${TOTAL}RF += ${p}req; }`;
    const text = code.member.replaceAll(P, name(j));
    if (!guarded) return text;
    // Only the rule's own statements are guarded (`let pass` stays outside): the status bookkeeping cannot throw.
    const from = text.indexOf("\n");
    const to = text.indexOf(`\nif (${name(j)}pass)`);
    return `${text.slice(0, from)}\ntry {${text.slice(from, to)}\n} catch (e) {}${text.slice(to)}`;
  });
  // One rule: its totals go straight to the target's entries; several: into locals, written once.
  const single = members.length === 1;
  let body = bodies.join("\n");
  for (const [token, local, entry] of TOTALS) body = body.replaceAll(TOTAL + token, single ? entry : local);
  return [
    "(R) => (C, TT, from, to, A, G) => {",
    "const st = A.status, N = A.targets, pw = A.passWeight, np = A.notPassing, rf = A.requiredFail, ru = A.requiredUnknown, un = A.unknown;",
    ...heads,
    "for (let i = from; i < to; i++) {",
    `A.at = i; ${sides}`,
    single ? "" : "let PW = pw[i], NP = 0, RF = 0, RU = 0, UN = 0;",
    body,
    single ? "" : "pw[i] = PW; if (NP !== 0) { np[i] += NP; if (RF !== 0) rf[i] += RF; if (UN !== 0) { un[i] += UN; ru[i] += RU; } }",
    "}",
    "}",
  ].join("\n");
}

/**
 * A table run's bookkeeping per member and status, so the run adds without branching on the
 * status (random statuses made those branches mispredict): `tw[3j + s]` the weight member j adds
 * (0 unless PASS: the sum starts at +0 and only adds, so `x + 0` is `x`, and the order of
 * additions is kept); `td[3j + s]` its integer totals packed one byte each — not passing, unknown,
 * required unknown, required fail — at most 1 per member, so a run (at most 8) cannot carry
 * between bytes. Fixed per group: weights and required flags do not change.
 */
export function tableTotals(weights: readonly number[], required: readonly number[]): { tw: Float64Array; td: Int32Array } {
  const tw = new Float64Array(3 * weights.length);
  const td = new Int32Array(3 * weights.length);
  weights.forEach((w, j) => {
    tw[3 * j + PASS] = w;
    td[3 * j + UNKNOWN] = 1 | (1 << 8) | (required[j]! << 16);
    td[3 * j + FAIL] = 1 | (required[j]! << 24);
  });
  return { tw, td };
}

/** The text of a kernel for a run of `length` table members (`tableTotals`): no branch per member. */
export function tableRunKernelText(length: number): string {
  const heads: string[] = [];
  const bodies: string[] = [];
  for (let j = 0; j < length; j++) {
    const p = `r${j}_`;
    heads.push(`const ${p}so = G.slots[${j}] * N, ${p}TAB = G.tab[${j}], ${p}CODES = G.codes[${j}];`);
    bodies.push(`const ${p}s = ${p}TAB[${p}CODES[i]]; st[${p}so + i] = ${p}s; PW += TW[${3 * j} + ${p}s]; D += TD[${3 * j} + ${p}s];`);
  }
  // Typed-array reads cannot throw: no `A.at` bookkeeping (the group is not resumable anyway).
  return [
    "(R) => (C, TT, from, to, A, G) => {",
    "const st = A.status, N = A.targets, pw = A.passWeight, np = A.notPassing, rf = A.requiredFail, ru = A.requiredUnknown, un = A.unknown;",
    "const TW = G.tw, TD = G.td;",
    ...heads,
    "for (let i = from; i < to; i++) {",
    "let PW = pw[i], D = 0;",
    ...bodies,
    "pw[i] = PW; if (D !== 0) { np[i] += D & 255; un[i] += (D >>> 8) & 255; ru[i] += (D >>> 16) & 255; rf[i] += D >>> 24; }",
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
const cache = new Map<string, GroupKernel>();
const CACHE_LIMIT = 4096;

/** The kernels for `texts`, compiling the ones not cached yet with a single `new Function`. */
export function kernels(texts: readonly string[]): (GroupKernel | null)[] {
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  if (missing.length > 0) {
    if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
    const factories = buildMany<GroupKernel>(missing);
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
