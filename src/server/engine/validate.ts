import { checkDepth, checkSize, childPath, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH } from "./bounds";
import { ALLOWED_OPERATORS, EXCLUDED_OPERATORS, isAllowedOperator, isScopeOperator } from "./operators";
import type { RuleError, RuleSpec, RuleValidation, SchemaView, ValidationBounds } from "./types";
import { checkOperandTypes, describe, type TypeInfo } from "./validate-types";

export interface RuleSchemas {
  source: SchemaView;
  target: SchemaView;
}

/** [min, max] argument counts. */
const ARITY: Record<string, [number, number]> = {
  "==": [2, 2], "===": [2, 2], "!=": [2, 2], "!==": [2, 2], ">": [2, 2], ">=": [2, 2], "<": [2, 3], "<=": [2, 3],
  "!": [1, 1], "!!": [1, 1], and: [1, Infinity], or: [1, Infinity], if: [2, Infinity], "?:": [2, Infinity],
  "+": [1, Infinity], "-": [1, 2], "*": [1, Infinity], "/": [2, 2], "%": [2, 2], min: [1, Infinity], max: [1, Infinity],
  in: [2, 2], cat: [1, Infinity], substr: [2, 3], merge: [1, Infinity],
  var: [1, 2], missing: [1, Infinity], missing_some: [2, 2],
  all: [2, 2], some: [2, 2], none: [2, 2], map: [2, 2], filter: [2, 2], reduce: [2, 3],
};

const RESULT_TYPE: Record<string, TypeInfo["t"]> = {
  "==": "boolean", "===": "boolean", "!=": "boolean", "!==": "boolean", ">": "boolean", ">=": "boolean", "<": "boolean", "<=": "boolean",
  "!": "boolean", "!!": "boolean", in: "boolean",
  "+": "number", "-": "number", "*": "number", "/": "number", "%": "number", min: "number", max: "number",
  cat: "string", substr: "string", merge: "array", missing: "array", missing_some: "array",
  all: "boolean", some: "boolean", none: "boolean", map: "array", filter: "array",
};

/** What `var` names inside a scope operator's body. */
type Scope = { op: string; kind: "element" | "reduce" };

const ANY: TypeInfo = { t: "any" };

class RuleChecker {
  readonly errors: RuleError[] = [];
  readonly vars = new Set<string>();
  /** The scope operators around the node being checked, innermost last. */
  private scopes: Scope[] = [];
  constructor(private readonly schemas: RuleSchemas) {}

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  check(node: unknown, path: string): TypeInfo {
    if (node === null) return { t: "null", literal: true, value: null };
    switch (typeof node) {
      case "boolean":
        return { t: "boolean", literal: true, value: node };
      case "string":
        return { t: "string", literal: true, value: node };
      case "number":
        if (!Number.isFinite(node)) this.error(path, `numbers must be finite, found ${node}`);
        return { t: "number", literal: true, value: node };
      case "object":
        break;
      default:
        this.error(path, `expected a JSON value, found ${typeof node}`);
        return ANY;
    }
    if (Array.isArray(node)) {
      const items = node.map((item, i) => this.check(item, childPath(path, i)));
      return items.every((i) => i.literal) ? { t: "array", literal: true, value: node } : { t: "array" };
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      const found = keys.length === 0 ? "an empty object" : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(", ")}`;
      this.error(path, `expected an operation with exactly one operator, like {"==": [a, b]}; found ${found}`);
      return ANY;
    }
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const opPath = childPath(path, op);
    if (!isAllowedOperator(op)) {
      const reason = Object.hasOwn(EXCLUDED_OPERATORS, op) ? `"${op}" is not allowed: ${EXCLUDED_OPERATORS[op]}` : `unknown operator "${op}"`;
      this.error(path, `${reason}; allowed operators: ${ALLOWED_OPERATORS.join(" ")}`);
      return ANY;
    }
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number) => (Array.isArray(raw) ? childPath(opPath, i) : opPath);
    const [min, max] = ARITY[op]!;
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.error(opPath, `"${op}" takes ${expected} argument${min === 1 && max === 1 ? "" : "s"}, found ${args.length}`);
    }
    if (op === "var") return this.checkVar(args, argPath);
    if (isScopeOperator(op)) return this.checkScope(op, args, argPath);
    if (this.scopes.length > 0 && (op === "missing" || op === "missing_some")) {
      // Keys name properties of the element, which no schema describes.
      args.forEach((a, i) => this.check(a, argPath(i)));
      return { t: "array" };
    }
    if (op === "missing") return this.checkMissing(args, argPath);
    if (op === "missing_some") return this.checkMissingSome(args, argPath);
    const types = args.map((a, i) => this.check(a, argPath(i)));
    checkOperandTypes(op, types, args.map((_, i) => argPath(i)), opPath, (p, m) => this.error(p, m));
    return RESULT_TYPE[op] ? { t: RESULT_TYPE[op] } : ANY;
  }

  /**
   * `all`/`some`/`none`/`map`/`filter`/`reduce`: the list (and `reduce`'s initial value) are read
   * from the pair; the body runs once per element with `var` naming the element (`reduce`:
   * `current` and `accumulator`), so pair fields cannot be read inside it.
   */
  private checkScope(op: string, args: unknown[], argPath: (i: number) => string): TypeInfo {
    const list = this.check(args[0], argPath(0));
    if (list.field && list.t !== "array") {
      this.error(argPath(0), `"${op}" goes through a list, but ${list.field} is a ${list.t} field (one value); wrap it as {"merge": [{"var": "${list.field}"}]} to treat it as a list of one`);
    } else if (list.literal && !Array.isArray(list.value)) {
      this.error(argPath(0), `"${op}" goes through a list, found ${describe(list.value)}`);
    }
    if (op === "reduce" && args.length > 2) this.check(args[2], argPath(2));
    this.scopes.push({ op, kind: op === "reduce" ? "reduce" : "element" });
    try {
      if (args.length > 1) this.check(args[1], argPath(1));
    } finally {
      this.scopes.pop();
    }
    return RESULT_TYPE[op] ? { t: RESULT_TYPE[op] } : ANY;
  }

  /** A var inside a scope operator's body: the element (or `current` / `accumulator`) and paths into it. */
  private checkScopedVar(path: unknown, at: string): TypeInfo {
    const scope = this.scopes[this.scopes.length - 1]!;
    if (path === null || path === undefined || path === "") {
      if (scope.kind === "reduce") this.error(at, `inside "reduce", var names "current" (the element) or "accumulator"; {"var": ""} would be both at once`);
      return ANY;
    }
    if (typeof path !== "string" && typeof path !== "number") {
      this.error(at, `var needs a literal path inside "${scope.op}", found ${describe(path)}`);
      return ANY;
    }
    const head = String(path).split(".")[0]!;
    if (scope.kind === "reduce") {
      if (head !== "current" && head !== "accumulator") this.error(at, `inside "reduce", var names "current" (the element) or "accumulator", not "${path}"`);
    } else if (head === "source" || head === "target") {
      this.error(at, `inside "${scope.op}", var names the list element ({"var": ""}), so "${path}" would read a property of the element, not the pair's field; pair fields cannot be read inside "${scope.op}"`);
    }
    return ANY;
  }

  private checkVar(args: unknown[], argPath: (i: number) => string): TypeInfo {
    const [path, fallback] = args;
    if (this.scopes.length > 0) {
      if (args.length > 1 && fallback !== null && typeof fallback === "object") this.error(argPath(1), `a var default must be a literal value, found ${describe(fallback)}`);
      return this.checkScopedVar(path, argPath(0));
    }
    if (args.length > 1 && fallback !== null && typeof fallback === "object") {
      this.error(argPath(1), `a var default must be a literal value, found ${describe(fallback)}`);
    }
    if (typeof path !== "string") {
      this.error(argPath(0), `var needs a literal path like "source.<field>" or "target.<field>", found ${describe(path)}`);
      return ANY;
    }
    return this.checkVarPath(path, argPath(0));
  }

  /** Resolves `source.<field>` / `target.<field>` (or `.key`) against the schemas. */
  checkVarPath(path: string, at: string): TypeInfo {
    const [side, field, ...rest] = path.split(".");
    if ((side !== "source" && side !== "target") || field === undefined || field === "") {
      this.error(at, `var "${path}" must be "source.<field>" or "target.<field>"`);
      return ANY;
    }
    if (rest.length > 0) {
      this.error(at, `var "${path}" reads inside field "${field}", but fields hold single values; use "${side}.${field}"`);
      return ANY;
    }
    this.vars.add(path);
    if (field === "key") return { t: "string", field: path };
    const def = this.schemas[side].fields.find((f) => f.name === field);
    if (def) return { t: def.type, options: def.options, field: path };
    const other = side === "source" ? "target" : "source";
    const hint = this.schemas[other].fields.some((f) => f.name === field)
      ? `"${field}" is a ${other} field — did you mean "${other}.${field}"?`
      : `${side} fields are: ${["key", ...this.schemas[side].fields.map((f) => f.name)].slice(0, 30).join(", ")}`;
    this.error(at, `${side} has no field "${field}"; ${hint}`);
    this.vars.delete(path);
    return ANY;
  }

  private checkMissing(args: unknown[], argPath: (i: number) => string): TypeInfo {
    if (args.length === 1 && Array.isArray(args[0])) this.checkKeyList(args[0], argPath(0));
    else args.forEach((key, i) => this.checkKey(key, argPath(i)));
    return { t: "array" };
  }

  private checkMissingSome(args: unknown[], argPath: (i: number) => string): TypeInfo {
    const [need, keys] = args;
    if (typeof need !== "number" || !Number.isInteger(need) || need < 0) {
      this.error(argPath(0), `missing_some needs a whole number of fields first, found ${describe(need)}`);
    }
    if (!Array.isArray(keys)) this.error(argPath(1), `missing_some needs a list of var paths second, found ${describe(keys)}`);
    else this.checkKeyList(keys, argPath(1));
    return { t: "array" };
  }

  private checkKeyList(keys: unknown[], path: string): void {
    keys.forEach((key, i) => this.checkKey(key, childPath(path, i)));
  }

  private checkKey(key: unknown, path: string): void {
    if (typeof key !== "string") this.error(path, `expected a literal var path like "target.<field>", found ${describe(key)}`);
    else this.checkVarPath(key, path);
  }
}

/**
 * Validates a rule before it is saved: size and depth bounds (checked without recursion), the
 * operator allow-list, argument counts, every `var` against the page's source/target schemas, and
 * obvious type mismatches. Errors carry a JSON path into the rule, e.g. `$.and[1]["=="][0]`.
 */
export function validateRule(logic: unknown, schemas: RuleSchemas, bounds: ValidationBounds = {}): RuleValidation {
  const maxDepth = bounds.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxBytes = bounds.maxBytes ?? DEFAULT_MAX_BYTES;
  // Every value serializes to at least one byte, so more values than bytes is already too big.
  const depthError = checkDepth(logic, maxDepth, maxBytes);
  if (depthError) return { ok: false, errors: [depthError] };
  const sizeError = checkSize(logic, maxBytes);
  if (sizeError) return { ok: false, errors: [sizeError] };
  const checker = new RuleChecker(schemas);
  checker.check(logic, "$");
  if (checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return { ok: true, vars: [...checker.vars] };
}

export interface RuleSetError extends RuleError {
  /** The rule the error belongs to (its id, or `#index` when the id itself is the problem). */
  ruleId: string;
}

/** Validates a whole rule set: each rule's logic plus unique ids, names, and weights. */
export function validateRuleSet(
  rules: RuleSpec[],
  schemas: RuleSchemas,
  bounds: ValidationBounds = {},
): { ok: true } | { ok: false; errors: RuleSetError[] } {
  const errors: RuleSetError[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    const ruleId = typeof rule.id === "string" && rule.id !== "" ? rule.id : `#${index}`;
    if (ruleId.startsWith("#")) errors.push({ ruleId, path: "$.id", message: "a rule needs a non-empty id" });
    else if (ids.has(ruleId)) errors.push({ ruleId, path: "$.id", message: `the id "${ruleId}" is used by another rule` });
    ids.add(ruleId);
    if (typeof rule.name !== "string" || rule.name.trim() === "") errors.push({ ruleId, path: "$.name", message: "a rule needs a name" });
    if (typeof rule.weight !== "number" || !Number.isFinite(rule.weight) || rule.weight < 0) {
      errors.push({ ruleId, path: "$.weight", message: `weight must be a finite number ≥ 0, found ${describe(rule.weight)}` });
    }
    const result = validateRule(rule.logic, schemas, bounds);
    if (!result.ok) for (const e of result.errors) errors.push({ ruleId, path: e.path, message: e.message });
  });
  return errors.length ? { ok: false, errors } : { ok: true };
}
