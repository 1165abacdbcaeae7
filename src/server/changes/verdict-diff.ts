/**
 * Verdict diffs (docs/changes.md): which pairs of a page changed verdict between two verdict
 * snapshots, and why. Pure: a snapshot carries the verdicts, the failing rules of each cell and the
 * row data they were computed from, so a diff can name a rule added, edited or removed, an
 * override, or the fields of a source or target row that changed — even after the old rows are gone.
 */
import { createHash } from "node:crypto";
import type { Verdict } from "~/server/engine";

export interface StoredRow {
  k: string;
  l: string;
  a: Record<string, unknown>;
}

/** Every cell of a page's matrix at one moment, as stored in `verdict_snapshots.cells_json`. */
export interface VerdictCells {
  /** `h`: hash of what decides a rule's result (logic, required, weight), to tell an edit apart. */
  rules: { id: string; name: string; h: string }[];
  sources: StoredRow[];
  targets: StoredRow[];
  /** Verdict digits, row-major (`sources.length × targets.length`). */
  v: string;
  /** "1" where an override decided the verdict. */
  o: string;
  /** Failed or unknown rule ids by cell index; passing cells are absent. */
  f: Record<string, string[]>;
}

export interface VerdictCounts {
  sources: number;
  targets: number;
  compatible: number;
  partial: number;
  incompatible: number;
}

export type ChangeReason =
  | { kind: "rule-added" | "rule-edited" | "rule-removed" | "rule-result"; ruleId: string; rule: string }
  | { kind: "override" }
  | { kind: "source-data" | "target-data"; fields: string[] }
  | { kind: "settings" };

export interface PairChange {
  sourceKey: string;
  sourceLabel: string;
  targetKey: string;
  targetLabel: string;
  from: Verdict;
  to: Verdict;
  reasons: ChangeReason[];
}

export interface VerdictDiff {
  /** False when a side was too large to keep per pair: only the counts are compared. */
  perPair: boolean;
  changed: number;
  better: number;
  worse: number;
  /** The first pairs, at most the limit given; `truncated` when there were more. */
  pairs: PairChange[];
  truncated: boolean;
  rows: { sourcesAdded: number; sourcesRemoved: number; targetsAdded: number; targetsRemoved: number };
  /** How many changed pairs each reason touched: `rule-added:12`, `source-data:needsStreaming`, `override`. */
  reasons: Record<string, number>;
  before: VerdictCounts | null;
  after: VerdictCounts;
}

/** Pairs kept per stored diff; counts and reasons always cover every pair. */
export const STORED_PAIRS = 500;

export function ruleHash(rule: { logic: unknown; required: boolean; weight: number }): string {
  return createHash("sha256").update(stableJson([rule.logic, rule.required, rule.weight])).digest("hex").slice(0, 16);
}

export function countCells(cells: VerdictCells): VerdictCounts {
  const c = { sources: cells.sources.length, targets: cells.targets.length, compatible: 0, partial: 0, incompatible: 0 };
  for (let i = 0; i < cells.v.length; i++) {
    const d = cells.v.charCodeAt(i) - 48;
    if (d === 2) c.compatible++;
    else if (d === 1) c.partial++;
    else c.incompatible++;
  }
  return c;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => stableJson(a[k]) !== stableJson(b[k])).sort();
}

/**
 * Compares two verdict snapshots. `before` null (never published) or either side without cells
 * (too large to keep) gives a count-only diff. Pairs whose source or target exists on one side
 * only are counted as added/removed rows, not as verdict changes.
 */
export function diffVerdicts(
  before: { cells: VerdictCells | null; counts: VerdictCounts } | null,
  after: { cells: VerdictCells | null; counts: VerdictCounts },
  limit = STORED_PAIRS,
): VerdictDiff {
  const empty = { sourcesAdded: 0, sourcesRemoved: 0, targetsAdded: 0, targetsRemoved: 0 };
  const base = { changed: 0, better: 0, worse: 0, pairs: [], truncated: false, reasons: {}, before: before?.counts ?? null, after: after.counts };
  if (!before) return { ...base, perPair: true, rows: { ...empty, sourcesAdded: after.counts.sources, targetsAdded: after.counts.targets } };
  const a = before.cells;
  const b = after.cells;
  if (!a || !b) return { ...base, perPair: false, rows: empty };

  const aSrc = new Map(a.sources.map((r, i) => [r.k, i]));
  const aTgt = new Map(a.targets.map((r, i) => [r.k, i]));
  const bSrcKeys = new Set(b.sources.map((r) => r.k));
  const bTgtKeys = new Set(b.targets.map((r) => r.k));
  const rows = {
    sourcesAdded: b.sources.filter((r) => !aSrc.has(r.k)).length,
    sourcesRemoved: a.sources.filter((r) => !bSrcKeys.has(r.k)).length,
    targetsAdded: b.targets.filter((r) => !aTgt.has(r.k)).length,
    targetsRemoved: a.targets.filter((r) => !bTgtKeys.has(r.k)).length,
  };
  const aRules = new Map(a.rules.map((r) => [r.id, r]));
  const bRules = new Map(b.rules.map((r) => [r.id, r]));
  const allRules = [...b.rules, ...a.rules.filter((r) => !bRules.has(r.id))];
  // Column j of `after` → column of `before` (or -1).
  const colMap = b.targets.map((t) => aTgt.get(t.k) ?? -1);
  const targetFields = b.targets.map((t, j) => (colMap[j]! >= 0 ? changedFields(a.targets[colMap[j]!]!.a, t.a) : []));

  const diff: VerdictDiff = { ...base, perPair: true, pairs: [], rows, reasons: {} };
  const nb = b.targets.length;
  const na = a.targets.length;
  for (let i = 0; i < b.sources.length; i++) {
    const src = b.sources[i]!;
    const ai = aSrc.get(src.k);
    if (ai === undefined) continue;
    let sourceFields: string[] | null = null;
    for (let j = 0; j < nb; j++) {
      const aj = colMap[j]!;
      if (aj < 0) continue;
      const ia = ai * na + aj;
      const ib = i * nb + j;
      const from = (a.v.charCodeAt(ia) - 48) as Verdict;
      const to = (b.v.charCodeAt(ib) - 48) as Verdict;
      if (from === to) continue;
      diff.changed++;
      if (to > from) diff.better++;
      else diff.worse++;

      const reasons: ChangeReason[] = [];
      if (a.o[ia] === "1" || b.o[ib] === "1") reasons.push({ kind: "override" });
      const fa = new Set(a.f[ia] ?? []);
      const fb = new Set(b.f[ib] ?? []);
      for (const rule of allRules) {
        const inA = aRules.get(rule.id);
        const inB = bRules.get(rule.id);
        const failedA = inA ? fa.has(rule.id) : false;
        const failedB = inB ? fb.has(rule.id) : false;
        if (failedA === failedB) continue;
        const kind = !inA ? "rule-added" : !inB ? "rule-removed" : inA.h !== inB.h ? "rule-edited" : "rule-result";
        reasons.push({ kind, ruleId: rule.id, rule: (inB ?? inA)!.name });
      }
      sourceFields ??= changedFields(a.sources[ai]!.a, src.a);
      if (sourceFields.length) reasons.push({ kind: "source-data", fields: sourceFields });
      if (targetFields[j]!.length) reasons.push({ kind: "target-data", fields: targetFields[j]! });
      // A rule whose result moved with no rule edit is explained by the data; alone, it means a setting.
      const explained = reasons.filter((r) => r.kind !== "rule-result");
      if (explained.length === 0) reasons.push({ kind: "settings" });
      for (const r of reasons) {
        const key = "ruleId" in r ? `${r.kind}:${r.ruleId}` : "fields" in r ? r.fields.map((f) => `${r.kind}:${f}`).join("|") : r.kind;
        for (const k of key.split("|")) diff.reasons[k] = (diff.reasons[k] ?? 0) + 1;
      }
      if (diff.pairs.length < limit) {
        const tgt = b.targets[j]!;
        diff.pairs.push({ sourceKey: src.k, sourceLabel: src.l, targetKey: tgt.k, targetLabel: tgt.l, from, to, reasons });
      } else diff.truncated = true;
    }
  }
  return diff;
}
