/**
 * What a Finder result says to visitors, added on top of the engine's payload (additive fields
 * only, so older readers keep working): a plain sentence per non-passing feature, each target's
 * group as a label (grouping is a view — the ranking ignores it), and the values of the columns
 * the admin chose to show. docs/plain-language.md.
 */
import type { SchemaJson } from "~/server/catalog/schema-json";
import { describeFeature, targetGroup, type FeatureResult, type ResultPayload, type SourceRecord, type TargetRecord, type TargetResult } from "~/server/engine";
import type { SnapshotRule } from "../draft/snapshot";

export type PlainFeatureResult = FeatureResult & {
  /** Plain-language sentence for a failed or unknown feature (absent on passing ones). */
  sentence?: string;
};

export type PlainTargetResult = Omit<TargetResult, "features"> & {
  features: PlainFeatureResult[];
  /** Values of the page's chosen target columns (`devicePolicy.columns`), null when missing. */
  columns: Record<string, string | number | boolean | null>;
};

export type PlainResultPayload = Omit<ResultPayload, "targets"> & { targets: PlainTargetResult[] };

export interface PlainContext {
  sources: SourceRecord[];
  targets: TargetRecord[];
  rules: SnapshotRule[];
  sourceSchema: SchemaJson;
  targetSchema: SchemaJson;
  groupBy: string | null;
  columns: string[];
}

/** Adds sentences, groups and column values to an engine payload evaluated without grouping. */
export function plainFinderPage(payload: ResultPayload, ctx: PlainContext): PlainResultPayload {
  const sourceLabel = new Map(ctx.sources.map((s) => [s.key, s.label]));
  const targetByKey = new Map(ctx.targets.map((t) => [t.key, t]));
  const ruleById = new Map(ctx.rules.map((r) => [String(r.id), r]));
  const schemas = { source: ctx.sourceSchema, target: ctx.targetSchema };
  const columns = ctx.columns.filter((c) => ctx.targetSchema.fields.some((f) => f.name === c));
  return {
    ...payload,
    targets: payload.targets.map((t) => {
      const record = targetByKey.get(t.key);
      const names = { source: sourceLabel.get(t.sourceKey) ?? t.sourceKey, target: t.label };
      return {
        ...t,
        group: record ? targetGroup(record, ctx.groupBy) : t.group,
        columns: Object.fromEntries(columns.map((c) => [c, cell(record?.attrs[c])])),
        features: t.features.map((f): PlainFeatureResult => {
          const rule = ruleById.get(f.ruleId);
          if (f.status === "pass" || !f.explanation || !rule) return f;
          return { ...f, sentence: describeFeature({ logic: rule.logic, sentences: rule.sentences, status: f.status, vars: f.explanation.vars, names, schemas }) };
        }),
      };
    }),
  };
}

function cell(v: unknown): string | number | boolean | null {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
}
