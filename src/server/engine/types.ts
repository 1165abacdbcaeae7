/** 0 = incompatible, 1 = partial, 2 = fully compatible (docs/engine.md#verdict-and-score). */
export type Verdict = 0 | 1 | 2;

export type FeatureStatus = "pass" | "fail" | "unknown";

export interface RuleSpec {
  id: string;
  name: string;
  required: boolean;
  weight: number;
  category: string | null;
  logic: unknown;
  /** The rule's own visitor sentences per outcome (docs/plain-language.md). */
  sentences?: { fail?: string; unknown?: string };
}

/** `null` on either side means "any"; a `(null, null)` override is rejected by `validateOverride`. */
export interface OverrideSpec {
  sourceKey: string | null;
  targetKey: string | null;
  verdict: Verdict;
  note: string | null;
}

export interface SourceRecord {
  key: string;
  label: string;
  dims: Record<string, string>;
  attrs: Record<string, unknown>;
}

export interface TargetRecord {
  key: string;
  label: string;
  attrs: Record<string, unknown>;
}

export interface Messaging {
  headline2: string;
  headline1: string;
  headline0: string;
}

export interface ExplainedVar {
  var: string;
  /** The value the rule saw; `null` (with `missing: true`) when absent. */
  value: unknown;
  missing: boolean;
}

export interface Explanation {
  vars: ExplainedVar[];
  text: string;
}

export interface FeatureResult {
  ruleId: string;
  status: FeatureStatus;
  explanation: Explanation | null;
}

export interface TargetResult {
  key: string;
  label: string;
  group: string | null;
  verdict: Verdict;
  computedVerdict: Verdict;
  score: number;
  overridden: boolean;
  note: string | null;
  /** The source row whose breakdown is shown (the representative when several matched). */
  sourceKey: string;
  features: FeatureResult[];
}

export interface FeatureInfo {
  id: string;
  name: string;
  required: boolean;
  weight: number;
  category: string | null;
  /** The rule's own sentences (`{source}`/`{target}` templates); absent when it has none. */
  sentences?: { fail?: string; unknown?: string };
}

export interface VerdictCounts {
  compatible: number;
  partial: number;
  incompatible: number;
  total: number;
}

export interface ResultPayload {
  /** Best verdict over all targets ("is there a fully compatible one?"); null when there are no targets or no matched sources. */
  verdict: Verdict | null;
  headline: string;
  /** Over all targets, before `hideIncompatible` and paging. */
  counts: VerdictCounts;
  features: FeatureInfo[];
  targets: TargetResult[];
  /** 1-based, clamped to `[1, totalPages]`. */
  page: number;
  pageSize: number;
  /** After `hideIncompatible`. */
  totalTargets: number;
  totalPages: number;
  matchedSources: number;
}

/** One matrix cell, kept small because a matrix holds up to a million of them. */
export interface MatrixCell {
  v: Verdict;
  /** Some rule was unknown (data missing). */
  u: boolean;
  /** The verdict comes from an override. */
  o: boolean;
  /** Ids of failed or unknown rules. */
  f: string[];
  /** Ids of the unknown ones among `f` (data missing); absent when none. */
  m?: string[];
}

export interface MatrixGroup {
  name: string;
  targetKeys: string[];
}

export interface MatrixRow {
  key: string;
  label: string;
  cells: MatrixCell[];
}

export interface MatrixSlice {
  /** Columns: groups sorted by name (targets lacking the group field last, named ""), targets by label. */
  groups: MatrixGroup[];
  /** One per source, in input order; `cells` follow the flattened column order of `groups`. */
  rows: MatrixRow[];
}

/** The pair context a rule sees. */
export interface PairContext {
  source: Record<string, unknown>;
  target: Record<string, unknown>;
}

/** Structural view of a catalog schema: all the validator needs. */
export interface SchemaView {
  fields: { name: string; type: "string" | "number" | "boolean" | "enum"; options?: string[] }[];
}

export interface RuleError {
  /** JSON path into the rule, e.g. `$.and[1]["=="][0]`. */
  path: string;
  message: string;
}

export type RuleValidation = { ok: true; vars: string[] } | { ok: false; errors: RuleError[] };

export interface ValidationBounds {
  /** Serialized UTF-8 size, bytes. Default 64 KiB. */
  maxBytes?: number;
  /** Nesting depth of arrays/objects. Default 32. */
  maxDepth?: number;
}
