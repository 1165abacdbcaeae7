import { childPath } from "./bounds";

/** What the validator knows about an expression's value. */
export interface TypeInfo {
  t: "boolean" | "number" | "string" | "enum" | "null" | "array" | "any";
  /** A literal written in the rule (`value` holds it). */
  literal?: boolean;
  value?: unknown;
  /** Enum options, for enum fields. */
  options?: string[];
  /** The var path, when the expression is a schema field. */
  field?: string;
}

type Report = (path: string, message: string) => void;

/** A short, readable rendering of a value found in a rule. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) return `an operation ${JSON.stringify({ [keys[0]!]: "…" })}`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const EQUALITY = new Set(["==", "===", "!=", "!=="]);
const ORDERING = new Set(["<", "<=", ">", ">="]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "min", "max"]);

function isNumericString(s: string): boolean {
  return s.trim() !== "" && Number.isFinite(Number(s));
}

function isNumber(t: TypeInfo): boolean {
  return t.t === "number";
}

function isText(t: TypeInfo): boolean {
  return t.t === "string" || t.t === "enum";
}

function category(t: TypeInfo): string {
  return isText(t) ? "text" : t.t;
}

function fieldVsLiteral(field: TypeInfo, lit: TypeInfo, at: string, strict: boolean, report: Report): void {
  const v = lit.value;
  const name = field.field!;
  if (v === null) return;
  if (Array.isArray(v)) {
    report(at, `${name} holds a single value but is compared with a list ${describe(v)}; use "in" to test membership`);
    return;
  }
  switch (field.t) {
    case "boolean":
      if (typeof v !== "boolean") report(at, `${name} is a boolean field; compare it with true or false, not ${describe(v)}`);
      return;
    case "number":
      if (typeof v === "number") return;
      if (typeof v === "string" && isNumericString(v) && !strict) return;
      report(at, `${name} is a number field; compare it with a number, not ${describe(v)}`);
      return;
    case "string":
      if (typeof v === "string") return;
      if (typeof v === "number" && !strict) return;
      report(at, `${name} is a string field; compare it with a string, not ${describe(v)}`);
      return;
    case "enum":
      if (typeof v !== "string") report(at, `${name} is an enum field; compare it with one of its options, not ${describe(v)}`);
      else if (field.options && !field.options.includes(v)) {
        report(at, `"${v}" is not an option of ${name} (options: ${field.options.join(", ")})`);
      }
      return;
  }
}

function checkEquality(op: string, [a, b]: TypeInfo[], paths: string[], opPath: string, report: Report): void {
  if (!a || !b) return;
  const strict = op === "===" || op === "!==";
  if (a.field && b.field) {
    if (category(a) !== category(b)) report(opPath, `compares ${a.field} (${a.t}) with ${b.field} (${b.t}); they can never be equal`);
  } else if (a.field && b.literal) fieldVsLiteral(a, b, paths[1]!, strict, report);
  else if (b.field && a.literal) fieldVsLiteral(b, a, paths[0]!, strict, report);
}

function checkOrdering(op: string, types: TypeInfo[], paths: string[], report: Report): void {
  types.forEach((t, i) => {
    if (t.field && t.t === "boolean") report(paths[i]!, `"${op}" orders values, but ${t.field} is a boolean field`);
  });
  for (let i = 0; i + 1 < types.length; i++) {
    const pair: [TypeInfo, TypeInfo, string][] = [
      [types[i]!, types[i + 1]!, paths[i + 1]!],
      [types[i + 1]!, types[i]!, paths[i]!],
    ];
    for (const [field, other, otherPath] of pair) {
      if (!field.field) continue;
      if (isText(field) && isNumber(other)) {
        report(otherPath, `numeric comparison "${op}" of ${field.t} field ${field.field} with ${other.literal ? describe(other.value) : "a number"}`);
      } else if (isNumber(field) && other.literal && typeof other.value === "string" && !isNumericString(other.value)) {
        report(otherPath, `${field.field} is a number field; "${op}" against ${describe(other.value)} is never meaningful`);
      }
    }
  }
}

function checkArithmetic(op: string, types: TypeInfo[], paths: string[], report: Report): void {
  types.forEach((t, i) => {
    if (t.field && t.t !== "number") report(paths[i]!, `arithmetic "${op}" on ${t.t} field ${t.field}`);
    else if (t.literal && typeof t.value === "string" && !isNumericString(t.value)) report(paths[i]!, `arithmetic "${op}" on the text ${describe(t.value)}`);
    else if (t.literal && typeof t.value === "boolean") report(paths[i]!, `arithmetic "${op}" on the boolean ${t.value}`);
  });
}

function checkIn([needle, hay]: TypeInfo[], paths: string[], report: Report): void {
  if (!needle || !hay) return;
  if (hay.field && (hay.t === "number" || hay.t === "boolean")) {
    report(paths[1]!, `"in" needs a list or a string to search, but ${hay.field} is a ${hay.t} field`);
    return;
  }
  if (!needle.field || !hay.literal || !Array.isArray(hay.value)) return;
  // "in" on a list uses strict equality: an element of another type can never match.
  const expected = needle.t === "enum" ? "string" : needle.t;
  (hay.value as unknown[]).forEach((item, i) => {
    const at = childPath(paths[1]!, i);
    if (expected === "string" || expected === "number" || expected === "boolean") {
      if (typeof item !== expected) {
        report(at, `${needle.field} is a ${needle.t} field, so the list element ${describe(item)} can never match ("in" compares strictly)`);
        return;
      }
    }
    if (needle.t === "enum" && needle.options && typeof item === "string" && !needle.options.includes(item)) {
      report(at, `"${item}" is not an option of ${needle.field} (options: ${needle.options.join(", ")})`);
    }
  });
}

/** Reports obvious type mismatches between an operator's operands (schema fields against literals or fields). */
export function checkOperandTypes(op: string, types: TypeInfo[], paths: string[], opPath: string, report: Report): void {
  if (EQUALITY.has(op)) checkEquality(op, types, paths, opPath, report);
  else if (ORDERING.has(op)) checkOrdering(op, types, paths, report);
  else if (ARITHMETIC.has(op)) checkArithmetic(op, types, paths, report);
  else if (op === "in") checkIn(types, paths, report);
}
