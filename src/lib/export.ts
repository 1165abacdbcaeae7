/**
 * CSV and JSON exports shared by the dashboard (browser downloads) and the scripts (files / stdout).
 * Pure string building: no DOM, no Node APIs, so both sides import it.
 */

/** A column of an export: a header and how to read the cell from a row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

/** Characters that make spreadsheet programs treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as text. Values that a spreadsheet would run as a formula get a leading `'`, so an
 * imported row called `=HYPERLINK(...)` stays text when an admin opens the export in Excel.
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // A JS number prints as a numeric literal only, never a formula: keep -3 a number in the sheet.
  if (typeof value === "number") return String(value);
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Quotes a cell when it holds a separator, a quote or a line break (RFC 4180). */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header line and CRLF line ends; every cell neutralised. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly ExportColumn<Row>[]): string {
  const lines = [columns.map((c) => quote(neutraliseCell(c.header))).join(",")];
  for (const row of rows) lines.push(columns.map((c) => quote(neutraliseCell(c.value(row)))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Pretty JSON with a trailing newline (what a person diffing two exports wants). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Verdict codes as words, for people reading an export. */
export const verdictWords: Record<number, string> = { 2: "compatible", 1: "partial", 0: "incompatible" };

/** A file name safe on every OS: `matrix-llm-finder-2025-01-31.csv`. */
export function exportFileName(parts: readonly string[], ext: "csv" | "json", date = new Date()): string {
  const stem = [...parts, date.toISOString().slice(0, 10)]
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("-");
  return `${stem || "export"}.${ext}`;
}

/** Starts a browser download of `content`. Client components only. */
export function downloadText(fileName: string, content: string, type: "text/csv" | "application/json"): void {
  const blob = new Blob([content], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/* ── Matrix and evaluation exports (shapes of pages.matrix / pages.evaluate) ─────────────── */

interface FeatureLike {
  id: string;
  name: string;
  required: boolean;
  weight: number;
  category: string | null;
}

export interface MatrixExport {
  page: { id: number; slug: string; name: string };
  draft: boolean;
  features: FeatureLike[];
  groups: { name: string; targetKeys: string[] }[];
  rows: { key: string; label: string; cells: { v: number; u: boolean; o: boolean; f: string[] }[] }[];
  /** Target labels by key, when the caller knows them (CSV headers fall back to keys). */
  targetLabels?: Record<string, string>;
}

const cellWord = (c: { v: number; u: boolean; o: boolean }) => `${verdictWords[c.v] ?? c.v}${c.o ? " (override)" : c.u ? " (data missing)" : ""}`;

/** One line per source row; one column per target, headed "group / target". */
export function matrixToCsv(m: MatrixExport): string {
  const targets = m.groups.flatMap((g) => g.targetKeys.map((key) => ({ group: g.name, key })));
  const columns: ExportColumn<MatrixExport["rows"][number]>[] = [
    { header: "source key", value: (r) => r.key },
    { header: "source", value: (r) => r.label },
    ...targets.map((t, i) => ({
      header: `${t.group ? `${t.group} / ` : ""}${m.targetLabels?.[t.key] ?? t.key}`,
      value: (r: MatrixExport["rows"][number]) => (r.cells[i] ? cellWord(r.cells[i]!) : ""),
    })),
  ];
  return toCsv(m.rows, columns);
}

/** The matrix with rule names spelled out per cell (`failed` instead of rule ids). */
export function matrixToJson(m: MatrixExport): string {
  const names = new Map(m.features.map((f) => [f.id, f.name]));
  const targets = m.groups.flatMap((g) => g.targetKeys.map((key) => ({ key, label: m.targetLabels?.[key] ?? null, group: g.name })));
  return toJson({
    page: m.page,
    draft: m.draft,
    features: m.features,
    targets,
    rows: m.rows.map((r) => ({
      key: r.key,
      label: r.label,
      cells: r.cells.map((c, i) => ({
        target: targets[i]?.key ?? null,
        verdict: verdictWords[c.v] ?? c.v,
        overridden: c.o,
        dataMissing: c.u,
        failed: c.f.map((id) => names.get(id) ?? id),
      })),
    })),
  });
}

export interface EvaluationExportTarget {
  key: string;
  label: string;
  group: string | null;
  verdict: number;
  score: number;
  overridden: boolean;
  note: string | null;
  features: { ruleId: string; status: string; explanation: { text: string } | null }[];
}

/** One line per target of an evaluation, with failed/unknown rules and their explanations. */
export function evaluationToCsv(targets: readonly EvaluationExportTarget[], features: readonly FeatureLike[]): string {
  const names = new Map(features.map((f) => [f.id, f.name]));
  const notPassing = (t: EvaluationExportTarget, status: string) =>
    t.features
      .filter((f) => f.status === status)
      .map((f) => `${names.get(f.ruleId) ?? f.ruleId}${f.explanation ? `: ${f.explanation.text}` : ""}`)
      .join("; ");
  return toCsv(targets, [
    { header: "target key", value: (t) => t.key },
    { header: "target", value: (t) => t.label },
    { header: "group", value: (t) => t.group },
    { header: "verdict", value: (t) => verdictWords[t.verdict] ?? t.verdict },
    { header: "score", value: (t) => Math.round(t.score * 1000) / 1000 },
    { header: "overridden", value: (t) => (t.overridden ? "yes" : "") },
    { header: "note", value: (t) => t.note },
    { header: "failed", value: (t) => notPassing(t, "fail") },
    { header: "unknown (data missing)", value: (t) => notPassing(t, "unknown") },
  ]);
}

/** The row errors of an import as a CSV report (one line per error). */
export function importErrorsToCsv(errors: readonly { line: number; column?: string; field?: string; value?: string; message: string }[]): string {
  return toCsv(errors, [
    { header: "line", value: (e) => e.line },
    { header: "column", value: (e) => e.column },
    { header: "field", value: (e) => e.field },
    { header: "value", value: (e) => e.value },
    { header: "message", value: (e) => e.message },
  ]);
}
