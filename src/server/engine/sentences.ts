/**
 * Plain-language sentences for a feature's outcome on one pair, for visitors rather than rule
 * authors: "GPT-4o doesn't support structured outputs, which Invoice data extractor needs".
 *
 * A rule may carry its own sentence per outcome (templates with `{source}`, `{target}` and
 * `{source.<field>}` / `{target.<field>}`); without one, the sentence is generated from the
 * rule's shape and the schemas' labels (docs/plain-language.md). Pure: no I/O.
 */
import type { ExplainedVar, FeatureStatus } from "./types";

/** A schema field as far as wording goes (catalog fields fit structurally). */
export interface LabeledField {
  name: string;
  type: "string" | "number" | "boolean" | "enum";
  label?: string;
  unit?: string;
  optionLabels?: Record<string, string>;
}

export interface LabeledSchemas {
  source: { fields: LabeledField[] };
  target: { fields: LabeledField[] };
}

/** Characters in a rule's own sentence (after trimming): a breakdown line stays a line. */
export const MAX_RULE_SENTENCE = 300;

/** A rule's own sentences; any may be absent (then the generated one is used). */
export interface RuleSentences {
  pass?: string;
  fail?: string;
  unknown?: string;
}

export interface DescribeInput {
  logic: unknown;
  sentences?: RuleSentences | null;
  status: FeatureStatus;
  /** The values the rule read (an explanation's `vars`); values absent here count as missing. */
  vars: ExplainedVar[];
  /** Display names of the pair's two rows. */
  names: { source: string; target: string };
  schemas: LabeledSchemas;
}

type Side = "source" | "target";
type Op = ">=" | ">" | "<=" | "<" | "==" | "!=";
const COMPARISONS: readonly string[] = [">=", ">", "<=", "<", "==", "!="];

/** How a requirement reads: `needs at least 200,000 tokens`. */
const NEED_WORDS: Record<Op, string> = { ">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "exactly", "!=": "anything but" };
/** The mirror of an operator when its operands swap sides (`a >= b` ⇔ `b <= a`). */
const MIRROR: Record<Op, Op> = { ">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!=" };

/** The sentence for one outcome of one rule on one pair. */
export function describeFeature(input: DescribeInput): string {
  const own = input.sentences?.[input.status];
  if (own && own.trim()) return fillTemplate(own, input);
  return generated(input) ?? fallback(input);
}

/** `{source}`, `{target}`, `{source.field}`, `{target.field}`; unknown placeholders stay as written. */
export function fillTemplate(template: string, input: Pick<DescribeInput, "vars" | "names" | "schemas">): string {
  return template.replace(/\{(source|target)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\}/g, (whole, side: Side, field?: string) => {
    if (!field) return input.names[side];
    const v = input.vars.find((x) => x.var === `${side}.${field}`);
    if (!v) return whole;
    return formatFieldValue(fieldOf(input.schemas, side, field), v.missing ? null : v.value);
  });
}

/** A field's label for running text: the schema's label, else the name split into words. */
export function fieldLabel(field: LabeledField | undefined, name: string): string {
  if (field?.label) return field.label;
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

/** A value as a visitor reads it: yes/no, option labels, numbers with separators and the unit. */
export function formatFieldValue(field: LabeledField | undefined, value: unknown): string {
  if (value === null || value === undefined) return "not known";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    const n = value.toLocaleString("en-US", { maximumFractionDigits: 4 });
    if (!field?.unit) return n;
    return field.unit.startsWith("$") ? `$${n}${field.unit.slice(1)}` : `${n} ${field.unit}`;
  }
  if (typeof value === "string") return field?.optionLabels?.[value] ?? value;
  return JSON.stringify(value);
}

function fieldOf(schemas: LabeledSchemas, side: Side, name: string): LabeledField | undefined {
  return schemas[side].fields.find((f) => f.name === name);
}

/** Lower-cases a label for mid-sentence use unless it looks like a name or acronym ("EU data residency"). */
function midSentence(label: string): string {
  const first = label.split(" ")[0] ?? "";
  return /[A-Z].*[A-Z]/.test(first) || /\d/.test(first) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function possessive(name: string): string {
  return name.endsWith("s") ? `${name}’` : `${name}’s`;
}

// --- reading the rule's shape ---------------------------------------------------------------

interface Var {
  side: Side;
  field: string;
}

function single(x: unknown): [string, unknown[]] | null {
  if (!x || typeof x !== "object" || Array.isArray(x)) return null;
  const keys = Object.keys(x);
  if (keys.length !== 1) return null;
  const arg = (x as Record<string, unknown>)[keys[0]!];
  return [keys[0]!, Array.isArray(arg) ? arg : [arg]];
}

function varOf(x: unknown): Var | null {
  const s = single(x);
  if (!s || s[0] !== "var" || typeof s[1][0] !== "string") return null;
  const [side, ...rest] = s[1][0].split(".");
  if ((side !== "source" && side !== "target") || rest.length !== 1) return null;
  return { side, field: rest[0]! };
}

/** `{"!": source.x}` or `{"!": {"!!": …}}`-free guard: "the source doesn't ask for it". */
function guardOf(x: unknown): Var | null {
  const s = single(x);
  if (!s || s[0] !== "!" || s[1].length !== 1) return null;
  const v = varOf(s[1][0]);
  return v?.side === "source" ? v : null;
}

type Shape =
  | { kind: "needs"; need: Var; has: Var }
  | { kind: "compare"; target: Var; op: Op; other: Var | number | string; guard: Var | null }
  | { kind: "in-list"; target: Var; values: string[] };

/** Strips a leading "source doesn't ask" guard: `or[!source.x, body]`. */
function unguard(logic: unknown): { guard: Var | null; body: unknown } {
  const top = single(logic);
  if (top && top[0] === "or" && top[1].length === 2) {
    const guard = guardOf(top[1][0]);
    if (guard) return { guard, body: top[1][1] };
  }
  return { guard: null, body: logic };
}

function shapeOf(logic: unknown): Shape | null {
  const { guard, body } = unguard(logic);
  const s = single(body);
  if (!s) return null;
  const [op, args] = s;
  if (guard && op === "==" && args.length === 2) {
    const t = varOf(args[0]) ?? varOf(args[1]);
    const other = varOf(args[0]) ? args[1] : args[0];
    if (t?.side === "target" && other === true) return { kind: "needs", need: guard, has: t };
  }
  if (guard && op === "!!" && args.length === 1) {
    const t = varOf(args[0]);
    if (t?.side === "target") return { kind: "needs", need: guard, has: t };
  }
  if (COMPARISONS.includes(op) && args.length === 2) {
    const a = varOf(args[0]);
    const b = varOf(args[1]);
    const literal = (x: unknown) => typeof x === "number" || typeof x === "string";
    if (a?.side === "target" && (b?.side === "source" || (!b && literal(args[1])))) return { kind: "compare", target: a, op: op as Op, other: b ?? (args[1] as number | string), guard };
    if (b?.side === "target" && (a?.side === "source" || (!a && literal(args[0])))) return { kind: "compare", target: b, op: MIRROR[op as Op], other: a ?? (args[0] as number | string), guard };
  }
  if (op === "in" && args.length === 2 && Array.isArray(args[1]) && args[1].every((x) => typeof x === "string")) {
    const t = varOf(args[0]);
    if (t?.side === "target") return { kind: "in-list", target: t, values: args[1] as string[] };
  }
  return null;
}

// --- generated sentences ----------------------------------------------------------------------

function valueOf(input: DescribeInput, v: Var): { value: unknown; missing: boolean } {
  const found = input.vars.find((x) => x.var === `${v.side}.${v.field}`);
  return found && !found.missing ? { value: found.value, missing: false } : { value: null, missing: true };
}

function generated(input: DescribeInput): string | null {
  const shape = shapeOf(input.logic);
  if (!shape) return null;
  const { names, schemas, status } = input;
  const label = (v: Var) => fieldLabel(fieldOf(schemas, v.side, v.field), v.field);
  const fmt = (v: Var) => formatFieldValue(fieldOf(schemas, v.side, v.field), valueOf(input, v).value);

  if (shape.kind === "needs") {
    const feature = midSentence(label(shape.has));
    if (status === "fail") return `${names.target} doesn't support ${feature}, which ${names.source} needs`;
    if (status === "unknown") return `Not known whether ${names.target} supports ${feature}, which ${names.source} needs`;
    return valueOf(input, shape.need).value ? `${names.target} supports ${feature}` : `${names.source} doesn't need ${feature}`;
  }

  if (shape.kind === "compare") {
    const what = midSentence(label(shape.target));
    const wanted =
      typeof shape.other === "object"
        ? fmt(shape.other)
        : formatFieldValue(fieldOf(schemas, "target", shape.target.field), shape.other);
    const whose = typeof shape.other === "object" ? names.source : "this page";
    const needs = `${whose} needs ${NEED_WORDS[shape.op]} ${wanted}`;
    if (status === "unknown") {
      const targetMissing = valueOf(input, shape.target).missing;
      return targetMissing ? `${possessive(names.target)} ${what} is not known; ${needs}` : `Not known what ${names.source} needs for ${what}`;
    }
    if (status === "fail") return `${possessive(names.target)} ${what} is ${fmt(shape.target)}; ${needs}`;
    if (shape.guard && !valueOf(input, shape.guard).value) return `${names.source} sets no requirement for ${what}`;
    return `${possessive(names.target)} ${what} is ${fmt(shape.target)}; ${needs}`;
  }

  const what = midSentence(label(shape.target));
  const field = fieldOf(schemas, "target", shape.target.field);
  const allowed = shape.values.map((x) => formatFieldValue(field, x)).join(", ");
  if (status === "unknown") return `${possessive(names.target)} ${what} is not known; it must be one of ${allowed}`;
  if (status === "fail") return `${possessive(names.target)} ${what} is ${fmt(shape.target)}, not one of ${allowed}`;
  return `${possessive(names.target)} ${what} is ${fmt(shape.target)}`;
}

/**
 * Any other rule: what it read, labelled and grouped per row, missing values named apart
 * ("Not met — EU retail support agent: data region EU only; Claude Opus 4: EU data residency no, open weights no").
 */
function fallback(input: DescribeInput): string {
  const facts = { source: [] as string[], target: [] as string[] };
  const missing = { source: [] as string[], target: [] as string[] };
  for (const v of input.vars) {
    const [side, field = ""] = v.var.split(".") as [Side, string];
    if (side !== "source" && side !== "target") continue;
    const f = fieldOf(input.schemas, side, field);
    const label = midSentence(fieldLabel(f, field));
    if (v.missing) missing[side].push(label);
    else facts[side].push(`${label} ${formatFieldValue(f, v.value)}`);
  }
  const list = (by: Record<Side, string[]>) =>
    (["source", "target"] as const)
      .filter((side) => by[side].length > 0)
      .map((side) => `${input.names[side]}: ${by[side].join(", ")}`)
      .join("; ");
  if (input.status === "unknown") {
    const known = list(facts);
    return `Data missing — ${list(missing) || "a value this rule reads"}${known ? ` (known: ${known})` : ""}`;
  }
  return `${input.status === "fail" ? "Not met" : "Met"} — ${list(facts) || "the rule reads no fields"}`;
}
