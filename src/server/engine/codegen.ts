import { Emitter } from "./emit";
import { interpret } from "./interpret";
import type { Node } from "./ir";
import * as ref from "./reference";

/**
 * Code generation, the compiling half: the helpers generated code calls (`R.*`), the values of
 * target columns it reads, and `new Function` around what the Emitter (emit.ts) writes.
 */

/** Evaluates one rule against a pair context and returns json-logic-js's raw value. */
export type RuleFunction = (ctx: unknown) => unknown;

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
  bounded: ref.bounded,
  referenceApply: ref.referenceApply,
};

/**
 * The value a column holds for one target: what `lookup` reaches at `props` (`props[0]` being the
 * side, already `target`), `undefined` where a step meets null/undefined — the code then applies
 * `var`'s default exactly as the walk would have.
 */
export function columnValue(target: unknown, props: readonly string[]): unknown {
  let v = target;
  for (let i = 1; i < props.length; i++) {
    if (v == null) return undefined;
    v = (v as Record<string, unknown>)[props[i]!];
  }
  return v;
}

/** The statement that defines `S` and `T` from the context `c` (which may be null or a primitive). */
export const CONTEXT_SIDES = "const S = c == null ? undefined : c.source, T = c == null ? undefined : c.target;";

/** Compiles generated code with the runtime helpers and constants bound; null where code generation is unavailable. */
export function build<T>(params: string, body: string, consts: unknown[]): T | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from a parsed rule; literals are JSON-escaped, other constants passed by reference
    const factory = new Function("R", "K", `"use strict"; return ${params} => {\n${body}\n};`) as (r: unknown, k: unknown[]) => T;
    return factory(runtime, consts);
  } catch {
    // No code generation available (e.g. a CSP that forbids it): callers fall back to the interpreter.
    return null;
  }
}

/**
 * Compiles many function expressions (each `(R) => (params) => { … }` source text) with one
 * `new Function` call; null where code generation is unavailable.
 */
export function buildMany<T>(sources: string[]): ((r: typeof runtime) => T)[] | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see build()
    return new Function(`"use strict"; return [\n${sources.join(",\n")}\n];`)() as ((r: typeof runtime) => T)[];
  } catch {
    return null;
  }
}

export { runtime as RUNTIME };

/** Compiles one node into a function returning its raw value (as json-logic-js would, throwing where it throws). */
export function generateRule(node: Node): RuleFunction {
  const em = new Emitter();
  const result = em.emit(node);
  const { decl, body } = em.flush();
  const fn = build<RuleFunction>("(c)", `${CONTEXT_SIDES}\n${decl}\n${body}\nreturn ${result.code};`, em.consts);
  return fn ?? ((ctx) => interpret(node, ctx));
}
