/**
 * "What would make it compatible" for one pair of a published page (`public.whatIf`): the pair's
 * plain-language breakdown, the smallest source-side change per failing rule (exact: the engine
 * re-evaluates the pair with it), and compatible alternatives in the target's group. A visitor may
 * send changes to try ("what if my app did not need streaming?"); they only change this answer.
 * docs/plain-language.md.
 */
import type { DbOrTx } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import type { SchemaJson } from "~/server/catalog/schema-json";
import { applySourceChanges, checkPair, compatibleAlternatives, describeFeature, fieldLabel, formatFieldValue, targetGroup, whatIf, type SourceChange } from "~/server/engine";
import { loadSourceByKey } from "~/server/catalog";
import type { Datasets } from "../model";
import { compiledFor, targetsOf, type PageSpec } from "./compute";

export type ChangeValue = string | number | boolean | null;

/** A change as visitors read it: "Needs structured outputs: yes → no". */
export interface DescribedChange extends SourceChange {
  label: string;
  fromText: string;
  toText: string;
}

function describeChange(schema: SchemaJson, c: SourceChange): DescribedChange {
  const field = schema.fields.find((f) => f.name === c.field);
  return { ...c, label: fieldLabel(field, c.field), fromText: formatFieldValue(field, c.from), toText: c.to === null ? "not set" : formatFieldValue(field, c.to) };
}

/** Visitor-sent changes: only boolean, enum and number fields of the source schema, with values of that type. */
function parseChanges(schema: SchemaJson, changes: Record<string, ChangeValue>, current: (f: string) => unknown): SourceChange[] {
  return Object.entries(changes).map(([name, to]) => {
    const field = schema.fields.find((f) => f.name === name);
    const ok =
      field &&
      field.name !== schema.keyField &&
      (to === null ||
        (field.type === "boolean" && typeof to === "boolean") ||
        (field.type === "number" && typeof to === "number" && Number.isFinite(to)) ||
        (field.type === "enum" && typeof to === "string" && (field.options ?? []).includes(to)));
    if (!ok) throw badRequest(`"${name}" cannot be set to ${JSON.stringify(to)} on this page`, { field: `changes.${name}` });
    return { field: name, from: current(name), to };
  });
}

export async function computeWhatIf(db: DbOrTx, orgId: string, spec: PageSpec, ds: Datasets, input: { sourceKey: string; targetKey: string; changes: Record<string, ChangeValue> }) {
  const original = await loadSourceByKey(db, orgId, ds.source.id, input.sourceKey);
  if (!original) throw badRequest(`Unknown source key "${input.sourceKey}"`, { field: "sourceKey" });
  const targets = await targetsOf(db, orgId, ds.target);
  const target = targets.find((t) => t.key === input.targetKey);
  if (!target) throw badRequest(`Unknown target key "${input.targetKey}"`, { field: "targetKey" });
  const compiled = compiledFor(spec);
  const snap = spec.snapshot;
  const devicePolicy = snap.devicePolicy;
  const sourceSchema = ds.source.schema;
  const current = (f: string) => (f in original.dims ? original.dims[f] : (original.attrs[f] ?? null));
  const tried = parseChanges(sourceSchema, input.changes, current);
  const source = applySourceChanges(original, tried);

  const pair = checkPair({ compiled, overrides: snap.overrides, source, target, devicePolicy });
  const schemas = { source: sourceSchema, target: ds.target.schema };
  const names = { source: original.label, target: target.label };
  const logicById = new Map(snap.rules.map((r) => [String(r.id), r.logic]));
  const sentencesById = new Map(snap.rules.map((r) => [String(r.id), r.sentences]));
  const analysis = whatIf({ compiled, overrides: snap.overrides, source, target, devicePolicy, sourceFields: sourceSchema.fields, logicById });
  const alternatives = compatibleAlternatives({ compiled, overrides: snap.overrides, source, targets, devicePolicy, exclude: target });

  return {
    source: { key: original.key, label: original.label },
    target: { key: target.key, label: target.label, group: targetGroup(target, devicePolicy.groupBy) },
    verdict: pair.verdict,
    computedVerdict: pair.computedVerdict,
    overridden: pair.overridden,
    note: pair.note,
    score: pair.score,
    /** The changes this answer was computed with (empty = the source as stored). */
    tried: tried.map((c) => describeChange(sourceSchema, c)),
    features: pair.features.map((f, i) => ({
      ...f,
      sentence: describeFeature({ logic: logicById.get(f.ruleId), sentences: sentencesById.get(f.ruleId), status: f.status, vars: varsSeen(compiled.rules[i]?.vars ?? [], pair.context as unknown as Record<string, unknown>), names, schemas }),
    })),
    fixes: analysis.fixes.map((f) => ({ ...f, change: f.change ? describeChange(sourceSchema, f.change) : null })),
    combined: analysis.combined ? { verdictAfter: analysis.combined.verdictAfter, changes: analysis.combined.changes.map((c) => describeChange(sourceSchema, c)) } : null,
    alternatives,
  };
}

/** The values a rule read in a pair context (passing rules carry no explanation). */
function varsSeen(vars: string[], context: Record<string, unknown>) {
  return vars.map((name) => {
    let v: unknown = context;
    for (const p of name.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined;
    return v === null || v === undefined ? { var: name, value: null, missing: true } : { var: name, value: v, missing: false };
  });
}
