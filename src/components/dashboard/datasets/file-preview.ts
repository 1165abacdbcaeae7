/**
 * Client-side preview of an upload: the header and first rows, read from the first bytes of the
 * file only (a 50 MB CSV never loads whole in the browser). The server parses the real file.
 */

export interface FilePreview {
  format: "csv" | "json";
  columns: string[];
  rows: string[][];
  /** Rows counted in the sampled bytes (a lower bound when the file is larger). */
  sampledRows: number;
  truncated: boolean;
}

const SAMPLE_BYTES = 256 * 1024;

/** RFC 4180 records from text: quoted fields, doubled quotes, CRLF/LF; a BOM is dropped. */
export function parseCsvRecords(text: string, maxRecords: number): { records: string[][]; complete: boolean } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      field = "";
      if (!(record.length === 1 && record[0] === "")) records.push(record);
      record = [];
      if (records.length >= maxRecords) return { records, complete: false };
    } else field += c;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records, complete: true };
}

const cell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

function previewJson(text: string, truncated: boolean): FilePreview {
  let objects: Record<string, unknown>[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[") && !truncated) {
    const parsed = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(parsed)) throw new Error("A JSON import is an array of objects, or one object per line (NDJSON)");
    objects = parsed.slice(0, 200) as Record<string, unknown>[];
  } else {
    // NDJSON, or the start of a big array: read whole lines that parse as objects.
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim().replace(/^\[/, "").replace(/,$/, "");
      if (!l.startsWith("{")) continue;
      try {
        objects.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        // a line cut by the sample boundary
      }
      if (objects.length >= 200) break;
    }
  }
  const columns: string[] = [];
  for (const o of objects) for (const k of Object.keys(o ?? {})) if (!columns.includes(k)) columns.push(k);
  return { format: "json", columns, rows: objects.map((o) => columns.map((c) => cell(o?.[c]))), sampledRows: objects.length, truncated };
}

/** Reads the first bytes of `file` and previews them as CSV or JSON (by name/type). */
export async function previewFile(file: File): Promise<FilePreview> {
  const truncated = file.size > SAMPLE_BYTES;
  const text = await file.slice(0, SAMPLE_BYTES).text();
  const isJson = /\.(json|ndjson|jsonl)$/i.test(file.name) || /json/i.test(file.type);
  if (isJson) return previewJson(text, truncated);
  const { records } = parseCsvRecords(text, 5000);
  // The last record of a cut sample may be partial; drop it.
  const usable = truncated ? records.slice(0, -1) : records;
  const [header = [], ...rows] = usable;
  return { format: "csv", columns: header.map((h) => h.trim()), rows, sampledRows: rows.length, truncated };
}

/** Column → field by name, case-insensitively (what the server does when no mapping is sent). */
export function autoMapping(columns: readonly string[], fields: readonly string[]): Record<string, string | null> {
  const byLower = new Map(fields.map((f) => [f.toLowerCase(), f]));
  return Object.fromEntries(columns.map((c) => [c, byLower.get(c.trim().toLowerCase()) ?? null]));
}

/** Problems the server would refuse the header for: required fields no column feeds, fields fed twice. */
export function mappingProblems(mapping: Record<string, string | null>, fields: readonly { name: string; required: boolean }[]): string[] {
  const fedBy = new Map<string, string[]>();
  for (const [column, field] of Object.entries(mapping)) if (field) fedBy.set(field, [...(fedBy.get(field) ?? []), column]);
  const problems: string[] = [];
  for (const [field, cols] of fedBy) if (cols.length > 1) problems.push(`Field "${field}" is fed by ${cols.map((c) => `"${c}"`).join(" and ")}; ignore one of them.`);
  const missing = fields.filter((f) => f.required && !fedBy.has(f.name)).map((f) => `"${f.name}"`);
  if (missing.length) problems.push(`No column feeds the required field${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  return problems;
}
