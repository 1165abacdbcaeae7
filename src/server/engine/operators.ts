/**
 * The operator allow-list. Everything here is deterministic and reads data only through `var`,
 * `missing` and `missing_some`.
 *
 * `all`, `some`, `none`, `map`, `filter`, `reduce` re-scope `var`: inside their second argument
 * (and `reduce`'s), `var` names the array element (or `current` / `accumulator`), not the pair.
 *
 * Excluded on purpose:
 * - `log`: a side effect (console output) inside a pure evaluation.
 * - method-style operators (`a.b`) and anything added with `add_operation`.
 */
export const COMPARISON_OPERATORS = ["==", "===", "!=", "!==", "<", "<=", ">", ">="] as const;
export const LOGIC_OPERATORS = ["and", "or", "!", "!!", "if", "?:"] as const;
export const ARITHMETIC_OPERATORS = ["+", "-", "*", "/", "%", "min", "max"] as const;
export const STRING_ARRAY_OPERATORS = ["in", "cat", "substr", "merge"] as const;
export const DATA_OPERATORS = ["var", "missing", "missing_some"] as const;
/** Operators that evaluate their second argument once per array element, with `var` scoped to it. */
export const SCOPE_OPERATORS = ["all", "some", "none", "map", "filter", "reduce"] as const;
export type ScopeOperator = (typeof SCOPE_OPERATORS)[number];

export const ALLOWED_OPERATORS: readonly string[] = [
  ...COMPARISON_OPERATORS,
  ...LOGIC_OPERATORS,
  ...ARITHMETIC_OPERATORS,
  ...STRING_ARRAY_OPERATORS,
  ...DATA_OPERATORS,
  ...SCOPE_OPERATORS,
];

const allowed = new Set<string>(ALLOWED_OPERATORS);

/** Operators that json-logic-js supports but rules here may not use, with the reason shown to the author. */
export const EXCLUDED_OPERATORS: Readonly<Record<string, string>> = {
  log: "log writes to the console and is not allowed in rules",
};

export function isAllowedOperator(op: string): boolean {
  return allowed.has(op);
}

/** Operators whose arguments are all evaluated before the operator runs (everything but and/or/if and the scope operators). */
export type EagerOperator =
  | (typeof COMPARISON_OPERATORS)[number]
  | "!" | "!!"
  | (typeof ARITHMETIC_OPERATORS)[number]
  | (typeof STRING_ARRAY_OPERATORS)[number]
  | (typeof DATA_OPERATORS)[number];

const scoped = new Set<string>(SCOPE_OPERATORS);
const eager = new Set<string>(ALLOWED_OPERATORS.filter((op) => op !== "and" && op !== "or" && op !== "if" && op !== "?:" && !scoped.has(op)));

export function isScopeOperator(op: string): op is ScopeOperator {
  return scoped.has(op);
}

export function isEagerOperator(op: string): op is EagerOperator {
  return eager.has(op);
}

/** Eager operators whose result depends on their arguments only (not on the pair data). */
export function isPureOperator(op: EagerOperator): boolean {
  return op !== "var" && op !== "missing" && op !== "missing_some";
}
