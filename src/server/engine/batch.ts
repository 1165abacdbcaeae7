import { build, Emitter } from "./codegen";
import { interpret } from "./interpret";
import type { Node } from "./ir";
import { lookupPath, truthy } from "./reference";
import { STATUS } from "./status";

/** Evaluates many rules at once (see `generateBatch`); `active` switches rules on by slot when masked. */
export type BatchFunction = (ctx: unknown, status: Uint8Array, acc: Float64Array, active: Uint8Array) => void;

/** One rule in a batch. */
export interface BatchItem {
  node: Node;
  /** A falsy result is UNKNOWN rather than FAIL whatever the pair (a var it reads is known to be missing). */
  unknownIfFalse: boolean;
  /** Var paths, split on ".": a falsy result is UNKNOWN when any of them is missing (null or absent). */
  missingPaths: string[][];
  /** Where the rule's status goes in the status array. */
  slot: number;
  required: boolean;
  /** Counted into the pass weight when the rule passes (0 for required rules). */
  weight: number;
}

/** Slots of the running totals a batch adds to (`SIZE` = length of the array). */
export const ACC = { REQUIRED_FAIL: 0, REQUIRED_UNKNOWN: 1, NOT_PASSING: 2, PASS_WEIGHT: 3, UNKNOWN: 4, SIZE: 5 } as const;

const { FAIL, PASS, UNKNOWN } = STATUS;

/**
 * Compiles many rules into one function that writes each rule's status into `status[slot]` —
 * PASS when json-logic-js would answer truthy, otherwise UNKNOWN or FAIL per `BatchItem` (a throw
 * counts as falsy) — and adds to the running totals in `acc`. With `masked`, a rule runs only when
 * `active[slot]` is 1, so one long-lived (and JIT-optimised) function can serve every source.
 */
export function generateBatch(items: BatchItem[], masked = false): BatchFunction {
  const em = new Emitter();
  const parts: string[] = [
    "const S = c.source, T = c.target;",
    "let rf = acc[0], ru = acc[1], np = acc[2], pw = acc[3], un = acc[4];",
  ];
  for (const { node, unknownIfFalse, missingPaths, slot, required, weight } of items) {
    const result = em.emit(node);
    const test = em.truthy(result);
    const { decl, body } = em.flush();
    const onPass = `st[${slot}] = ${PASS};${weight !== 0 ? ` pw += ${em.literal(weight).code};` : ""}`;
    const onUnknown = `st[${slot}] = ${UNKNOWN}; np++; un++;${required ? " ru++;" : ""}`;
    const onFail = `st[${slot}] = ${FAIL}; np++;${required ? " rf++;" : ""}`;
    let onFalse = onFail;
    if (unknownIfFalse) onFalse = onUnknown;
    else if (missingPaths.length > 0) {
      const lookups = missingPaths.map((p) => em.emit({ k: "op", op: "var", args: [{ k: "const", v: p.join(".") }] }).code);
      const m = em.flush();
      onFalse = `${m.decl}\n${m.body}\nif (${lookups.map((t) => `${t} === null`).join(" || ")}) { ${onUnknown} } else { ${onFail} }`;
    }
    const block = `{ ${decl} let pass = false;\ntry {\n${body}\npass = ${test};\n} catch (e) {}\nif (pass) { ${onPass} } else { ${onFalse} } }`;
    parts.push(masked ? `if (on[${slot}] === 1) ${block}` : block);
  }
  parts.push("acc[0] = rf; acc[1] = ru; acc[2] = np; acc[3] = pw; acc[4] = un;");
  const fn = build<BatchFunction>("(c, st, acc, on)", parts.join("\n"), em.consts);
  return fn ?? interpretBatch(items, masked);
}

/** The batch semantics without code generation. */
export function interpretBatch(items: BatchItem[], masked = false): BatchFunction {
  const { REQUIRED_FAIL, REQUIRED_UNKNOWN, NOT_PASSING, PASS_WEIGHT, UNKNOWN: UNKNOWNS } = ACC;
  return (ctx, st, acc, active) => {
    for (const { node, unknownIfFalse, missingPaths, slot, required, weight } of items) {
      if (masked && active[slot] !== 1) continue;
      let pass = false;
      try {
        pass = truthy(interpret(node, ctx));
      } catch {
        // json-logic-js would throw: the rule does not pass.
      }
      if (pass) {
        st[slot] = PASS;
        acc[PASS_WEIGHT]! += weight;
        continue;
      }
      acc[NOT_PASSING]!++;
      if (unknownIfFalse || missingPaths.some((p) => lookupPath(ctx, p, null) === null)) {
        st[slot] = UNKNOWN;
        acc[UNKNOWNS]!++;
        if (required) acc[REQUIRED_UNKNOWN]!++;
      } else {
        st[slot] = FAIL;
        if (required) acc[REQUIRED_FAIL]!++;
      }
    }
  };
}
