import type { FeatureInfo, MatrixCell, MatrixGroup, MatrixRow } from "../types";
import { VERDICT_META, verdictKind, type VerdictKind } from "../verdict";

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

/** Flattens the server's groups into columns, keeping only `groupFilter` when set. */
export function buildColumns(groups: MatrixGroup[], labels: Map<string, string>, groupFilter: string | null): { columns: Column[]; spans: GroupSpan[] } {
  const columns: Column[] = [];
  const spans: GroupSpan[] = [];
  let cell = 0;
  for (const g of groups) {
    if (groupFilter === null || g.name === groupFilter) {
      spans.push({ name: g.name, start: columns.length, count: g.targetKeys.length });
      for (const key of g.targetKeys) columns.push({ key, label: labels.get(key) ?? key, group: g.name, cell: cell++ });
    } else {
      cell += g.targetKeys.length;
    }
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
}

export const rowFilterActive = (f: RowFilter) => f.problemsOnly || f.feature !== null;

/** Does a row have at least one visible cell the filter asks for? */
export function rowMatches(row: MatrixRow, columns: Column[], f: RowFilter): boolean {
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
 * A cell in words, for its aria-label and tooltip: "GPT-4.1: Partial. Not met or data missing:
 * Tool calling, Vision. Verdict set by the publisher."
 */
export function describeCell(c: MatrixCell, features: Map<string, FeatureInfo>): { kind: VerdictKind; verdict: string; failing: string[]; notes: string[] } {
  const kind = cellKind(c);
  const notes: string[] = [];
  if (c.u) notes.push("Some data is missing, so not every feature could be checked.");
  if (c.o) notes.push("Verdict set by the publisher.");
  const verdict = kind === "unknown" ? `${VERDICT_META[verdictKind(c.v)].text} (data missing)` : VERDICT_META[kind].text;
  return { kind, verdict, failing: c.f.map((id) => features.get(id)?.name ?? id), notes };
}
