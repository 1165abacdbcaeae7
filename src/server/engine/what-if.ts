/**
 * "What would make it compatible": for a pair that is not fully compatible, the rules that do not
 * pass and, for each rule that reads a source field (boolean, enum or number), the smallest change
 * of that field that makes the rule pass. Every change is checked by evaluating the pair again
 * with the changed source (`checkPair`), so what is reported is exact, not inferred from the
 * rule's shape. Pure: no I/O (docs/plain-language.md).
 */
import type { CompiledRuleSet } from "./compile";
import { targetGroup } from "./context";
import { checkPair, evaluateSelection } from "./evaluate";
import { MAX_PAGE_SIZE, type DevicePolicy } from "./policy";
import type { FeatureStatus, OverrideSpec, SourceRecord, TargetRecord, Verdict } from "./types";

export interface WhatIfField {
  name: string;
  type: "string" | "number" | "boolean" | "enum";
  options?: string[];
}

export interface WhatIfInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  source: SourceRecord;
  target: TargetRecord;
  devicePolicy: DevicePolicy;
  /** The source schema's fields: which fields may change, and to what. */
  sourceFields: WhatIfField[];
  /** Each rule's JSONLogic by rule id: its number literals are candidate values. */
  logicById: ReadonlyMap<string, unknown>;
}

/** A source-side change: `value: null` means "leave the field empty" (e.g. no longer required). */
export interface SourceChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RuleFix {
  ruleId: string;
  required: boolean;
  status: FeatureStatus;
  /** The smallest single-field change that makes this rule pass, or null when none exists. */
  change: SourceChange | null;
  /** The pair's verdict with only this change applied (overrides still apply). */
  verdictAfter: Verdict | null;
}

export interface WhatIf {
  verdict: Verdict;
  /** Every rule that does not pass, required ones first. */
  fixes: RuleFix[];
  /** All found changes together, and the verdict they give (null when no change was found). */
  combined: { changes: SourceChange[]; verdictAfter: Verdict } | null;
}

/** Applies changes to a source record (dimension fields live in `dims`, the rest in `attrs`). */
export function applySourceChanges(source: SourceRecord, changes: readonly SourceChange[]): SourceRecord {
  const dims = { ...source.dims };
  const attrs = { ...source.attrs };
  for (const c of changes) {
    if (c.field in dims) {
      if (c.to === null) delete dims[c.field];
      else dims[c.field] = String(c.to);
    } else if (c.to === null) delete attrs[c.field];
    else attrs[c.field] = c.to;
  }
  return { ...source, dims, attrs };
}

function valueIn(source: SourceRecord, field: string): unknown {
  return field in source.dims ? source.dims[field] : (source.attrs[field] ?? null);
}

/** Numbers a rule may be compared with: its literals and the target values it reads, each with neighbours. */
function numericCandidates(logic: unknown, target: Record<string, unknown>, targetFields: string[]): number[] {
  const seen = new Set<number>();
  const add = (n: number) => {
    if (!Number.isFinite(n)) return;
    for (const x of [n, n - 1, n + 1, n * 0.999, n * 1.001]) seen.add(Number(x.toPrecision(12)));
  };
  const walk = (x: unknown) => {
    if (typeof x === "number") add(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };
  walk(logic);
  for (const f of targetFields) if (typeof target[f] === "number") add(target[f] as number);
  return [...seen];
}

/** Candidate values of one source field, nearest first (booleans: the flip first, then empty). */
function candidatesFor(field: WhatIfField, current: unknown, logic: unknown, target: TargetRecord, targetFields: string[]): unknown[] {
  if (field.type === "boolean") return [current === true ? false : true, null].filter((v) => v !== current);
  if (field.type === "enum") return [...(field.options ?? []).filter((o) => o !== current), null];
  if (field.type === "number") {
    const nums = numericCandidates(logic, target.attrs, targetFields);
    const base = typeof current === "number" ? current : 0;
    nums.sort((a, b) => Math.abs(a - base) - Math.abs(b - base) || a - b);
    return [...nums.filter((n) => n !== current), null];
  }
  return [];
}

/**
 * Which rules keep the pair from being fully compatible and the smallest source-side change that
 * flips each, with the verdict the pair would get.
 */
export function whatIf(input: WhatIfInput): WhatIf {
  const { compiled, source, target } = input;
  const evaluate = (s: SourceRecord) => checkPair({ compiled, overrides: input.overrides, source: s, target, devicePolicy: input.devicePolicy });
  const base = evaluate(source);
  const byField = new Map(input.sourceFields.map((f) => [f.name, f]));
  const fixes: RuleFix[] = [];

  compiled.rules.forEach((rule, i) => {
    const status = base.features[i]!.status;
    if (status === "pass") return;
    const sourceFields = rule.vars.filter((v) => v.startsWith("source.")).map((v) => v.slice("source.".length));
    const targetFields = rule.vars.filter((v) => v.startsWith("target.")).map((v) => v.slice("target.".length));
    let found: { change: SourceChange; verdictAfter: Verdict } | null = null;
    for (const name of sourceFields) {
      const field = byField.get(name);
      if (!field || field.type === "string" || name === "key") continue;
      const from = valueIn(source, name);
      for (const to of candidatesFor(field, from, input.logicById.get(rule.info.id) ?? null, target, targetFields)) {
        const change = { field: name, from, to };
        const after = evaluate(applySourceChanges(source, [change]));
        if (after.features[i]!.status !== "pass") continue;
        if (!found) found = { change, verdictAfter: after.verdict };
        break;
      }
      if (found) break;
    }
    fixes.push({ ruleId: rule.info.id, required: rule.info.required, status, change: found?.change ?? null, verdictAfter: found?.verdictAfter ?? null });
  });
  fixes.sort((a, b) => Number(b.required) - Number(a.required));

  const changes = dedupe(fixes.flatMap((f) => (f.change ? [f.change] : [])));
  const combined = changes.length > 0 ? { changes, verdictAfter: evaluate(applySourceChanges(source, changes)).verdict } : null;
  return { verdict: base.verdict, fixes, combined };
}

/** One change per field: the first (required rules come first). */
function dedupe(changes: SourceChange[]): SourceChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => !seen.has(c.field) && seen.add(c.field));
}

export interface AlternativesInput {
  compiled: CompiledRuleSet;
  overrides: OverrideSpec[];
  source: SourceRecord;
  targets: TargetRecord[];
  devicePolicy: DevicePolicy;
  /** The target the visitor is looking at (left out of the answer). */
  exclude: TargetRecord;
  limit?: number;
}

/**
 * The closest fully compatible targets for this source in the excluded target's group (all
 * targets when the page does not group), best score first, then label.
 */
export function compatibleAlternatives(input: AlternativesInput): { key: string; label: string; group: string | null; score: number }[] {
  const { devicePolicy } = input;
  const group = targetGroup(input.exclude, devicePolicy.groupBy);
  const inGroup = input.targets.filter((t) => t.key !== input.exclude.key && targetGroup(t, devicePolicy.groupBy) === group);
  const result = evaluateSelection({
    compiled: input.compiled,
    overrides: input.overrides,
    sources: [input.source],
    targets: inGroup,
    selectionPolicy: { aggregate: "worst" },
    devicePolicy: { ...devicePolicy, groupBy: null, hideIncompatible: true, sort: "verdict", pageSize: MAX_PAGE_SIZE },
    messaging: { headline2: "", headline1: "", headline0: "" },
    page: 1,
  });
  return result.targets
    .filter((t) => t.verdict === 2)
    .slice(0, input.limit ?? 3)
    .map((t) => ({ key: t.key, label: t.label, group, score: t.score }));
}
