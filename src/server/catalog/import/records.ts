/**
 * What a CSV or JSON file's records are, independent of how the bytes arrive: the csv-parse options,
 * the header and row rules, and the JSON record scanner. Pure and free of Node imports, so the
 * server's streaming parser (./parse.ts) and the dashboard's upload preview
 * (src/components/dashboard/datasets/file-preview.ts) read a file the same way (docs/catalog.md).
 */
import { duplicateColumn } from "./columns";

export type ImportFormat = "csv" | "json";

/** What the parser yields (in batches): the CSV header once, then one entry per record (or per broken record). */
export type ParsedItem =
  | { kind: "header"; line: number; columns: string[] }
  | { kind: "record"; line: number; cells: Array<readonly [string, unknown]> }
  /** A CSV record: values by header position (a wide file is never turned into name/value pairs). */
  | { kind: "row"; line: number; values: string[] }
  | { kind: "error"; line: number; message: string };

/** Upper bound of one record (a CSV row or a JSON element): a runaway quote cannot eat memory. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** A file-level problem: the import fails with this message (row-level problems are items instead). */
export class FileError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = "FileError";
  }
}

/** csv-parse options shared by the server's stream parser and the browser preview's sync parser. */
/** What an empty upload is told, by the import and by the dashboard's preview alike. */
export const EMPTY_FILE = {
  csv: "The file is empty: a CSV import needs a header row",
  json: "The file is empty: a JSON import needs an array of objects or one object per line",
} as const;

export const CSV_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: MAX_RECORD_BYTES,
  // Named, not discovered: discovery rescans a record that spans chunks (a 40,000-column header) from
  // its start at every chunk. Any of the three ends a record, so mixed line endings read as lines too.
  record_delimiter: ["\r\n", "\n", "\r"] as string[],
  // Broken quoting becomes a row error instead of ending the whole file.
  skip_records_with_error: true,
} as const;

/** The item for a record csv-parse skipped as malformed (`on_skip`), at the line it names. */
export function malformedCsvItem(err: { lines?: number; message?: string } | undefined): ParsedItem {
  return { kind: "error", line: Number(err?.lines ?? 0), message: `Malformed CSV: ${err?.message ?? "unreadable record"}` };
}

/** The line a CSV record starts on: csv-parse's `info.lines` is where it ends; quoted newlines move the start up. */
export function csvRecordLine(record: readonly string[], endLine: number): number {
  let newlines = 0;
  for (const cell of record) if (cell.includes("\n")) newlines += cell.split("\n").length - 1;
  return endLine - newlines;
}

/**
 * One CSV record as an item: the first (`header === null`) is the header — a nameless or repeated
 * column is a FileError — and every later one a row with exactly the header's number of values.
 */
export function csvItem(header: readonly string[] | null, record: string[], line: number): ParsedItem {
  if (header === null) {
    const columns = record.map((c) => c.trim());
    const blank = columns.findIndex((c) => c === "");
    if (blank >= 0) throw new FileError(`The header's column ${blank + 1} has no name`, line);
    const dup = duplicateColumn(columns);
    if (dup !== null) throw new FileError(`The header names column "${dup}" twice`, line);
    return { kind: "header", line, columns };
  }
  if (record.length !== header.length) return { kind: "error", line, message: `Row has ${record.length} values but the header has ${header.length} columns` };
  return { kind: "row", line, values: record };
}

function toRecord(line: number, text: string): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: "error", line, message: `Malformed JSON: ${(err as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { kind: "error", line, message: `Each record must be a JSON object, got ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value}` };
  }
  return { kind: "record", line, cells: Object.entries(value as Record<string, unknown>) };
}

/**
 * JSON without a JSON streaming library: a small scanner tracks strings and nesting to cut the top
 * level into elements (array mode) or lines (NDJSON), and JSON.parse reads each element on its own.
 * Feed text with `push` (any chunking), then call `end`.
 */
export class JsonRecordScanner {
  private mode = "unknown" as "unknown" | "array" | "ndjson" | "done";
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = "";
  private elementLine = 1;
  private awaiting = true; // before an element's first character
  private sawSeparator = false;
  private first = true;
  /** A too-large record found after items that are still handed out: thrown on the next call. */
  private pending: FileError | null = null;

  private flush(): ParsedItem | null {
    const text = this.element.trim();
    this.element = "";
    this.awaiting = true;
    return text === "" ? null : toRecord(this.elementLine, text);
  }

  /** The items completed by this chunk of text. */
  push(chunk: string): ParsedItem[] {
    if (this.pending) throw this.pending;
    let text = chunk;
    if (this.first && text.length > 0) {
      text = text.replace(/^\uFEFF/, "");
      this.first = false;
    }
    let start = 0;
    const out: ParsedItem[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const space = c === 32 || c === 9 || c === 10 || c === 13;
      if (this.mode === "unknown" || this.mode === "done") {
        if (c === 10) this.line++;
        if (space) continue;
        if (this.mode === "done") throw new FileError("Unexpected text after the closing ] of the JSON array", this.line);
        this.mode = c === 91 /* [ */ ? "array" : "ndjson";
        start = this.mode === "array" ? i + 1 : i;
        if (this.mode === "array") continue;
      }
      if (this.awaiting && !space) {
        this.awaiting = false;
        this.elementLine = this.line;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
        else if (c === 10) this.line++;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (this.depth === 0 && c === 93 && this.mode === "array") {
          this.element += text.slice(start, i);
          const item = this.flush();
          if (item) out.push(item);
          else if (this.sawSeparator) out.push({ kind: "error", line: this.line, message: "Malformed JSON: a comma right before ]" });
          this.mode = "done";
          continue;
        }
        this.depth--;
      } else if (c === 10) {
        this.line++;
        if (this.mode === "ndjson" && this.depth <= 0) {
          this.element += text.slice(start, i);
          const item = this.flush();
          if (item) out.push(item);
          this.depth = 0;
          start = i + 1;
        }
      } else if (c === 44 /* , */ && this.depth === 0 && this.mode === "array") {
        this.element += text.slice(start, i);
        this.sawSeparator = true;
        out.push(this.flush() ?? { kind: "error", line: this.line, message: "Malformed JSON: an empty element (two commas in a row)" });
        start = i + 1;
      }
    }
    if (this.mode === "array" || this.mode === "ndjson") this.element += text.slice(start);
    if (this.element.length > MAX_RECORD_BYTES) {
      this.pending = new FileError(`A JSON record is larger than ${MAX_RECORD_BYTES} bytes`, this.elementLine);
      if (out.length === 0) throw this.pending;
    }
    return out;
  }

  /** The last item of an NDJSON file; a FileError for an array that never closed. */
  end(): ParsedItem[] {
    if (this.pending) throw this.pending;
    if (this.mode === "array") throw new FileError("The JSON array is not closed (missing ])", this.line);
    if (this.mode === "ndjson") {
      const item = this.flush();
      if (item) return [item];
    }
    return [];
  }
}
