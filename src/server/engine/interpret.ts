import type { Node } from "./ir";
import { applyEager, bounded, referenceApply, truthy } from "./reference";

/**
 * Evaluates a node against a pair context, exactly as json-logic-js would evaluate the JSON the
 * node came from. The fallback when generated code is unavailable, and the cross-check for it.
 */
export function interpret(node: Node, data: unknown): unknown {
  switch (node.k) {
    case "const":
      return node.v;
    case "throw":
      throw node.e;
    case "ref":
      return referenceApply(node.logic, data);
    case "array":
      return node.items.map((n) => interpret(n, data));
    case "and": {
      let current: unknown;
      for (const a of node.args) {
        current = interpret(a, data);
        if (!truthy(current)) return current;
      }
      return current;
    }
    case "or": {
      let current: unknown;
      for (const a of node.args) {
        current = interpret(a, data);
        if (truthy(current)) return current;
      }
      return current;
    }
    case "if": {
      const args = node.args;
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        if (truthy(interpret(args[i]!, data))) return interpret(args[i + 1]!, data);
      }
      return interpret(args[i]!, data);
    }
    case "op":
      return applyEager(node.op, node.args.map((n) => interpret(n, data)), data);
    case "scope":
      return interpretScope(node, data);
  }
}

/** json-logic-js's `all`/`some`/`none`/`map`/`filter`/`reduce`, step for step. */
function interpretScope(node: Extract<Node, { k: "scope" }>, data: unknown): unknown {
  const items = interpret(node.data, data);
  const body = node.body;
  const list = Array.isArray(items) ? (items as unknown[]) : null;
  switch (node.op) {
    case "filter":
      return list ? list.filter((x) => truthy(interpret(body, x))) : [];
    case "map":
      return list ? list.map((x) => interpret(body, x)) : [];
    case "reduce": {
      let acc = node.init ? interpret(node.init, data) : null;
      if (!list) return acc;
      for (const current of list) acc = bounded(interpret(body, { current, accumulator: acc }));
      return acc;
    }
    case "all":
      if (!list || list.length === 0) return false;
      return list.every((x) => truthy(interpret(body, x)));
    case "some":
      return list !== null && list.some((x) => truthy(interpret(body, x)));
    case "none":
      return list === null || !list.some((x) => truthy(interpret(body, x)));
  }
}
