import { buildMany, Emitter, RUNTIME } from "./codegen";
import { interpret } from "./interpret";
import type { Node } from "./ir";
import { lookupPath, truthy } from "./reference";
import { ruleStatus } from "./semantics";
import { STATUS } from "./status";

/**
 * Rule kernels — the performance layer under `TargetBatch`. A kernel evaluates ONE rule, already
 * folded with the selected source, for every target of a batch (rule-major order), and adds each
 * target's status to the per-target totals. It must give, for every target, exactly
 * `ruleStatus(truthy(jsonLogic.apply(rule, ctx)) && !threw, readsMissingVar)` (semantics.ts).
 *
 * Why this shape:
 * - one small function per rule: V8 optimises it within its first call (on-stack replacement in
 *   the target loop), instead of one huge function it takes seconds to optimise;
 * - every constant goes through the `K` array, so all selections whose rule folds to the same
 *   shape (e.g. `target.region == K[0]` for any region) share one function and its optimised
 *   code: the cache below is keyed by the generated text;
 * - no try/catch in the loop unless the rule can throw on ordinary data: a throw node of the folded
 *   rule is emitted as "does not pass"; rules with nodes that may throw (a subtree delegated to
 *   json-logic-js, a size bound, re-applied `missing` keys) get the guarded variant, which wraps
 *   the rule in try/catch. The others can only throw on exotic values (an object whose own
 *   `toString` is not a function, say): the plain variant records the target it is on in `A.at`,
 *   and the caller, catching outside the loop, counts that target as "does not pass" and resumes
 *   after it (`TargetBatch.runKernel`).
 * - targets in tiles (`TILE` at a time, every kernel over a tile before the next): a kernel reads
 *   one or two fields of each target, and a tile of targets stays in the CPU cache for all rules.
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

/** A folded rule ready to become a kernel: both variants' text and its constants. */
export interface KernelCode {
  plain: string;
  guarded: string;
  K: unknown[];
  /** The rule has nodes that may throw on ordinary data: use `guarded`. */
  mayThrow: boolean;
  /** The kernel reads whole pair contexts (`C`), not only targets (`TT`). */
  needsContext: boolean;
  /** Target paths the kernel reads as columns (see codegen.ts `targetColumns`), and their keys. */
  columns: string[][];
  columnKeys: string[];
}

const { FAIL, PASS, UNKNOWN } = STATUS;
const PARAMS = "(C, TT, from, to, K, A, slot, req, w, uf, COL)";

/** Generates the text of a kernel for `node`; `missingPaths` are the target-side var paths that make a falsy result unknown. */
export function kernelCode(node: Node, missingPaths: readonly (readonly string[])[]): KernelCode {
  const em = new Emitter({ mode: "status", onThrow: "break RULE;", constantsBySlot: true, targetColumns: true });
  const result = em.emit(node);
  const test = em.truthy(result);
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
  const needsContext = em.uses.c || em.uses.S;
  const sides = [needsContext ? "const c = C[i];" : "", em.uses.S ? "const S = c == null ? undefined : c.source;" : "", em.uses.T ? "const T = TT[i];" : ""].join(" ");
  const cols = em.columns.length ? `const ${em.columns.map((_, j) => `col${j} = COL[${j}]`).join(", ")};` : "";
  const head = `const st = A.status, so = slot * A.targets, pw = A.passWeight, np = A.notPassing, rf = A.requiredFail, ru = A.requiredUnknown, un = A.unknown;\n${em.constantLocals()}\n${cols}\n${decl}`;
  const loop = (rule: string, track: string) =>
    `(R) => ${PARAMS} => {\n${head}\nfor (let i = from; i < to; i++) {\n${track}${sides}\nlet pass = false;\n${rule}\nif (pass) { ${onPass} } else { ${falsy} }\n}\n}`;
  const rule = `RULE: {\n${ruleBody}\npass = ${test};\n}`;
  return { plain: loop(rule, "A.at = i; "), guarded: loop(`try {\n${rule}\n} catch (e) {}`, ""), K: em.consts, mayThrow: em.mayThrow, needsContext, columns: em.columns, columnKeys: em.columns.map((p) => JSON.stringify(p)) };
}

/** The emitter writes the missing-path lookups last, one line each: split them off the rule's statements. */
function splitAfter(body: string, tailLines: number): [string, string] {
  if (tailLines === 0) return [body, ""];
  const lines = body.split("\n");
  return [lines.slice(0, lines.length - tailLines).join("\n"), lines.slice(lines.length - tailLines).join("\n")];
}

/** Generated kernels by text, shared by every rule set in the process (bounded; cleared when full). */
const cache = new Map<string, Kernel>();
const CACHE_LIMIT = 4096;

/** The kernels for `texts`, compiling the ones not cached yet with a single `new Function`. */
export function kernels(texts: readonly string[]): (Kernel | null)[] {
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  if (missing.length > 0) {
    if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
    const factories = buildMany<Kernel>(missing);
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
