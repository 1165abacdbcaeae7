/** A Matrix slice as CSV (RFC 4180): one row per source, one column per target, verdicts as words. */
import type { MatrixCell, MatrixGroup, MatrixRow } from "~/server/engine/types";

const WORDS = ["incompatible", "partial", "compatible"] as const;

/** Quotes when needed; a leading `= + - @` is prefixed with `'` so spreadsheets do not run it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function matrixCsv(m: { groups: MatrixGroup[]; targets: { key: string; label: string }[]; rows: MatrixRow[] }): string {
  const header = ["source_key", "source", ...m.targets.map((t) => t.label)];
  const lines = [header, ...m.rows.map((r) => [r.key, r.label, ...r.cells.map((c: MatrixCell) => WORDS[c.v])])];
  return lines.map((l) => l.map(csvField).join(",")).join("\r\n") + "\r\n";
}
