/**
 * Client-side preview of an upload: the header and first rows, read from the first bytes of the
 * file only (a 50 MB CSV never loads whole in the browser). It reads them with the server's own
 * rules — the same csv-parse options, header and row checks and JSON scanner
 * (src/server/catalog/import/records.ts), and the same column → field mapping
 * (src/server/catalog/import/columns.ts) — so a preview cannot disagree with the import.
 */
import { parse as parseCsvSync } from "csv-parse/browser/esm/sync";
import { ColumnMapper, type ColumnMapping } from "~/server/catalog/import/columns";
import { CSV_OPTIONS, EMPTY_FILE, JsonRecordScanner, csvItem, csvRecordLine, malformedCsvItem, type ParsedItem } from "~/server/catalog/import/records";

export interface FilePreview {
  format: "csv" | "json";
  columns: string[];
  rows: string[][];
  /** Rows counted in the sampled bytes (a lower bound when the file is larger). */
  sampledRows: number;
  /** Rows in the sample the import would reject, with the import's own message. */
  rowErrors: { line: number; message: string }[];
  truncated: boolean;
  /** The whole file is refused (nothing in it), with the import's own message; null otherwise. */
  fileError: string | null;
}

const SAMPLE_BYTES = 256 * 1024;
const MAX_CSV_RECORDS = 5000;
const MAX_JSON_RECORDS = 200;

const cell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

function previewCsv(text: string, truncated: boolean): FilePreview {
  const skipped: ParsedItem[] = [];
  // csv-parse's types do not model `info: true`, which wraps each record as { record, info }.
  const parsed: unknown[] = parseCsvSync(text, {
    ...CSV_OPTIONS,
    info: true,
    to: MAX_CSV_RECORDS + 1,
    on_skip: (err) => {
      skipped.push(malformedCsvItem(err));
      return undefined;
    },
  });
  // The last record of a cut sample may be partial; drop it.
  const usable = (truncated ? parsed.slice(0, -1) : parsed) as { record: string[]; info: { lines: number } }[];
  let columns: string[] | null = null;
  const rows: string[][] = [];
  const rowErrors: FilePreview["rowErrors"] = [];
  const report = (item: ParsedItem) => item.kind === "error" && rowErrors.push({ line: item.line, message: item.message });
  for (const { record, info } of usable) {
    const line = csvRecordLine(record, info.lines);
    // As on the server: skipped records are reported in line order among the others.
    while (skipped.length > 0 && skipped[0]!.line < line) report(skipped.shift()!);
    const item = csvItem(columns, record, line);
    if (item.kind === "header") columns = item.columns;
    else if (item.kind === "row") rows.push(item.values.map(cell));
    else report(item);
  }
  // A cut sample's last skip may be the cut itself.
  for (const item of truncated ? [] : skipped) report(item);
  return { format: "csv", columns: columns ?? [], rows, sampledRows: rows.length, rowErrors, truncated, fileError: columns === null && !truncated ? EMPTY_FILE.csv : null };
}

function previewJson(text: string, truncated: boolean): FilePreview {
  const scanner = new JsonRecordScanner();
  const items: ParsedItem[] = scanner.push(text);
  // A cut sample ends mid-file: its last element is incomplete, and an array is not closed yet.
  if (!truncated) items.push(...scanner.end());
  const records = items.filter((i) => i.kind === "record").slice(0, MAX_JSON_RECORDS);
  const seen = new Set<string>();
  for (const r of records) for (const [k] of r.cells) seen.add(k);
  const columns = [...seen];
  const rows = records.map((r) => {
    const values = new Map(r.cells);
    return columns.map((c) => cell(values.get(c)));
  });
  const rowErrors = items.flatMap((i) => (i.kind === "error" ? [{ line: i.line, message: i.message }] : []));
  return { format: "json", columns, rows, sampledRows: records.length, rowErrors, truncated, fileError: text.trim() === "" ? EMPTY_FILE.json : null };
}

/** Reads the first bytes of `file` and previews them as CSV or JSON (by name/type), as the import would read them. */
export async function previewFile(file: File): Promise<FilePreview> {
  const truncated = file.size > SAMPLE_BYTES;
  const text = await file.slice(0, SAMPLE_BYTES).text();
  const isJson = /\.(json|ndjson|jsonl)$/i.test(file.name) || /json/i.test(file.type);
  return isJson ? previewJson(text, truncated) : previewCsv(text, truncated);
}

type Fields = readonly { name: string; required: boolean }[];

/** Column → field as the server maps it when no mapping is sent (by name, case-insensitively). */
export function autoMapping(columns: readonly string[], fields: Fields): ColumnMapping {
  const mapper = new ColumnMapper({ fields });
  return Object.fromEntries(columns.map((c) => [c, mapper.fieldFor(c)]));
}

/**
 * What the server would refuse the upload for: an empty file (said as such, not as "no column
 * feeds the required fields"), else the header with this mapping.
 */
export function uploadProblems(preview: FilePreview, mapping: ColumnMapping, fields: Fields): string[] {
  return preview.fileError ? [preview.fileError] : mappingProblems(mapping, fields);
}

/** What the server would refuse the header for with this mapping: a field fed twice, a required field fed by none. */
export function mappingProblems(mapping: ColumnMapping, fields: Fields): string[] {
  const problem = new ColumnMapper({ fields }, mapping).checkHeader(Object.keys(mapping));
  return problem ? [problem] : [];
}
