import type { FeatureInfo, MatrixCell, MatrixGroup, MatrixRow } from "../types";
import { VERDICT_META, verdictKind, type VerdictKind } from "../verdict-words";
import { ownSentence } from "./own-sentence";

export interface Column {
  key: string;
  label: string;
  group: string;
  /** Index into each row's `cells` (the server's column order). */
  cell: number;
}

export interface GroupSpan {
  name: string;
  /** First visible column index and how many columns the group spans. */
  start: number;
  count: number;
}

/**
 * Flattens the server's groups into columns, keeping only `groupFilter` when set and, with a
 * `query`, the columns whose label, key or group contains it (case-insensitive).
 */
export function buildColumns(groups: MatrixGroup[], labels: Map<string, string>, groupFilter: string | null, query = ""): { columns: Column[]; spans: GroupSpan[] } {
  const columns: Column[] = [];
  const spans: GroupSpan[] = [];
  const q = query.trim().toLowerCase();
  let cell = 0;
  for (const g of groups) {
    if (groupFilter !== null && g.name !== groupFilter) {
      cell += g.targetKeys.length;
      continue;
    }
    const start = columns.length;
    for (const key of g.targetKeys) {
      const label = labels.get(key) ?? key;
      const at = cell++;
      if (q && !label.toLowerCase().includes(q) && !key.toLowerCase().includes(q) && !g.name.toLowerCase().includes(q)) continue;
      columns.push({ key, label, group: g.name, cell: at });
    }
    if (columns.length > start) spans.push({ name: g.name, start, count: columns.length - start });
  }
  return { columns, spans };
}

/** What a cell shows: its verdict, or "data missing" when an unknown rule decided a non-pass. */
export function cellKind(c: MatrixCell): VerdictKind {
  return c.u && c.v !== 2 && !c.o ? "unknown" : verdictKind(c.v);
}

export interface RowFilter {
  problemsOnly: boolean;
  feature: string | null;
  /** Rows whose label or key contains this (case-insensitive). */
  q: string;
}

export const rowFilterActive = (f: RowFilter) => f.problemsOnly || f.feature !== null || f.q.trim() !== "";

/** Does a row match the search and have at least one visible cell the filter asks for? */
export function rowMatches(row: MatrixRow, columns: Column[], f: RowFilter): boolean {
  const q = f.q.trim().toLowerCase();
  if (q && !row.label.toLowerCase().includes(q) && !row.key.toLowerCase().includes(q)) return false;
  if (!f.problemsOnly && f.feature === null) return true;
  for (const col of columns) {
    const c = row.cells[col.cell];
    if (!c) continue;
    if (f.problemsOnly && c.v === 2 && !c.u) continue;
    if (f.feature !== null && !c.f.includes(f.feature)) continue;
    return true;
  }
  return false;
}

/**
 * A cell in words, for its aria-label and tooltip: "GPT-4.1: Partial. Not met: Tool calling.
 * Data missing: Vision. Verdict set by the publisher." `unsure` holds features of a cell from a
 * payload that does not say which are missing (written before `m`): not met *or* data missing.
 */
export function describeCell(
  c: MatrixCell,
  features: Map<string, FeatureInfo>,
  names?: { source: string; target: string },
): { kind: VerdictKind; verdict: string; notMet: string[]; missing: string[]; unsure: string[]; notes: string[] } {
  const kind = cellKind(c);
  const notes: string[] = [];
  if (c.o) notes.push("Verdict set by the publisher.");
  const verdict = kind === "unknown" ? `${VERDICT_META[verdictKind(c.v)].text} (data missing)` : VERDICT_META[kind].text;
  const name = (id: string) => features.get(id)?.name ?? id;
  if (c.u && !c.m) return { kind, verdict, notMet: [], missing: [], unsure: c.f.map(name), notes };
  const missing = new Set(c.m ?? []);
  const say = (outcome: "fail" | "unknown") => (id: string) => (names && ownSentence(features.get(id), outcome, names)) || name(id);
  return { kind, verdict, notMet: c.f.filter((id) => !missing.has(id)).map(say("fail")), missing: [...missing].map(say("unknown")), unsure: [], notes };
}

/** The same, as one line for screen readers — with the rules' own sentences, as the tooltip says them. */
export function cellSentence(names: { source: string; target: string }, c: MatrixCell, features: Map<string, FeatureInfo>): string {
  const d = describeCell(c, features, names);
  const parts = [`${names.target}: ${d.verdict}`];
  if (d.notMet.length) parts.push(`Not met: ${d.notMet.join(", ")}`);
  if (d.missing.length) parts.push(`Data missing: ${d.missing.join(", ")}`);
  if (d.unsure.length) parts.push(`Not met or data missing: ${d.unsure.join(", ")}`);
  return parts.concat(d.notes).join(". ");
}
