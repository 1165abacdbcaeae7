import type { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { duplicateColumn } from "./columns";
import { TimeSlicer } from "./slice";

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

/** Items are handed over in batches: one await per batch, not per record, keeps 100k rows cheap. */
export const PARSE_BATCH = 1000;

/**
 * The one parser path for uploads and script content: a byte stream in, batches of items out, never
 * holding more than a batch. JSON is either one array of objects or NDJSON (one object per line).
 */
export function parseRecords(input: Readable, format: ImportFormat): AsyncGenerator<ParsedItem[]> {
  return format === "csv" ? parseCsvRecords(input) : parseJsonRecords(input);
}

/** Records of an object-mode stream in arrays of up to `size`, with backpressure (pause when full). */
async function* batchesOf<T>(stream: Readable, size: number): AsyncGenerator<T[]> {
  let buf: T[] = [];
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on("data", (x: T) => {
    buf.push(x);
    if (buf.length >= size) {
      stream.pause();
      notify();
    }
  });
  stream.on("end", () => {
    done = true;
    notify();
  });
  stream.on("error", (err) => {
    failure = err;
    done = true;
    notify();
  });
  try {
    for (;;) {
      if (failure) throw failure;
      if (buf.length >= size || (done && buf.length > 0)) {
        const out = buf;
        buf = [];
        yield out;
        if (!done) stream.resume();
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done) stream.destroy();
  }
}

async function* parseCsvRecords(input: Readable): AsyncGenerator<ParsedItem[]> {
  const skipped: ParsedItem[] = [];
  const parser = parseCsv({
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    // Broken quoting becomes a row error instead of ending the whole file.
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({ kind: "error", line: Number((err as { lines?: number } | undefined)?.lines ?? 0), message: `Malformed CSV: ${err?.message ?? "unreadable record"}` });
      return undefined;
    },
  });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    yield* csvItems(parser, skipped);
  } finally {
    // Stopped early (a fatal header, a consumer that gave up): stop reading the body too.
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
}

async function* csvItems(parser: Readable, skipped: ParsedItem[]): AsyncGenerator<ParsedItem[]> {
  let header: string[] | null = null;
  const slicer = new TimeSlicer();
  for await (const batch of batchesOf<{ record: string[]; info: { lines: number } }>(parser, PARSE_BATCH)) {
    const out: ParsedItem[] = [];
    for (const { record, info } of batch) {
      if (slicer.due()) await slicer.pause();
      // info.lines is where a record ends; quoted newlines move its start up.
      let newlines = 0;
      for (const cell of record) if (cell.includes("\n")) newlines += cell.split("\n").length - 1;
      const line = info.lines - newlines;
      // The parser reports skipped records ahead of the ones it emits: keep line order.
      while (skipped.length > 0 && skipped[0]!.line < line) out.push(skipped.shift()!);
      if (header === null) {
        header = record.map((c) => c.trim());
        const blank = header.findIndex((c) => c === "");
        if (blank >= 0) throw new FileError(`The header's column ${blank + 1} has no name`, line);
        const dup = duplicateColumn(header);
        if (dup !== null) throw new FileError(`The header names column "${dup}" twice`, line);
        out.push({ kind: "header", line, columns: header });
        continue;
      }
      if (record.length !== header.length) {
        out.push({ kind: "error", line, message: `Row has ${record.length} values but the header has ${header.length} columns` });
        continue;
      }
      out.push({ kind: "row", line, values: record });
    }
    yield out;
  }
  if (skipped.length > 0) yield skipped.splice(0);
  if (header === null) throw new FileError("The file is empty: a CSV import needs a header row");
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
 */
async function* parseJsonRecords(input: Readable): AsyncGenerator<ParsedItem[]> {
  let mode = "unknown" as "unknown" | "array" | "ndjson" | "done";
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = "";
  let elementLine = 1;
  let awaiting = true; // before an element's first character
  let sawSeparator = false;
  const decoder = new TextDecoder("utf-8");
  const flush = (): ParsedItem | null => {
    const text = element.trim();
    element = "";
    awaiting = true;
    return text === "" ? null : toRecord(elementLine, text);
  };
  let first = true;
  const slicer = new TimeSlicer();
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    if (slicer.due()) await slicer.pause();
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    let start = 0;
    const out: ParsedItem[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const space = c === 32 || c === 9 || c === 10 || c === 13;
      if (mode === "unknown" || mode === "done") {
        if (c === 10) line++;
        if (space) continue;
        if (mode === "done") throw new FileError("Unexpected text after the closing ] of the JSON array", line);
        mode = c === 91 /* [ */ ? "array" : "ndjson";
        start = mode === "array" ? i + 1 : i;
        if (mode === "array") continue;
      }
      if (awaiting && !space) {
        awaiting = false;
        elementLine = line;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92 /* \ */) escaped = true;
        else if (c === 34 /* " */) inString = false;
        else if (c === 10) line++;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0 && c === 93 && mode === "array") {
          element += text.slice(start, i);
          const item = flush();
          if (item) out.push(item);
          else if (sawSeparator) out.push({ kind: "error", line, message: "Malformed JSON: a comma right before ]" });
          mode = "done";
          continue;
        }
        depth--;
      } else if (c === 10) {
        line++;
        if (mode === "ndjson" && depth <= 0) {
          element += text.slice(start, i);
          const item = flush();
          if (item) out.push(item);
          depth = 0;
          start = i + 1;
        }
      } else if (c === 44 /* , */ && depth === 0 && mode === "array") {
        element += text.slice(start, i);
        sawSeparator = true;
        out.push(flush() ?? { kind: "error", line, message: "Malformed JSON: an empty element (two commas in a row)" });
        start = i + 1;
      }
    }
    if (mode === "array" || mode === "ndjson") element += text.slice(start);
    if (out.length > 0) yield out;
    if (element.length > MAX_RECORD_BYTES) throw new FileError(`A JSON record is larger than ${MAX_RECORD_BYTES} bytes`, elementLine);
  }
  if (mode === "array") throw new FileError("The JSON array is not closed (missing ])", line);
  if (mode === "ndjson") {
    const item = flush();
    if (item) yield [item];
  }
}
