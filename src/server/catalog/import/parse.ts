import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { CSV_OPTIONS, EMPTY_FILE, FileError, JsonRecordScanner, csvItem, csvRecordLine, malformedCsvItem, type ImportFormat, type ParsedItem } from "./records";
import { TimeSlicer, nextTurn } from "./slice";

export { FileError, MAX_RECORD_BYTES, type ImportFormat, type ParsedItem } from "./records";

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
    ...CSV_OPTIONS,
    on_skip: (err) => {
      skipped.push(malformedCsvItem(err as { lines?: number; message?: string } | undefined));
      return undefined;
    },
  });
  input.on("error", (err) => parser.destroy(err));
  // One chunk per event-loop turn: a body already in memory would otherwise flow through the parser
  // in a single run of microtasks (5 MB of hostile CSV held the loop for ~180 ms).
  const paced = Readable.from(onePerTurn(input));
  paced.on("error", (err) => parser.destroy(err));
  paced.pipe(parser);
  try {
    yield* csvItems(parser, skipped);
  } finally {
    // Stopped early (a fatal header, a consumer that gave up): stop reading the body too.
    paced.unpipe(parser);
    paced.destroy();
    input.destroy();
    parser.destroy();
  }
}

async function* onePerTurn(input: Readable): AsyncGenerator<Buffer | string> {
  for await (const chunk of input) {
    yield chunk as Buffer | string;
    await nextTurn();
  }
}

async function* csvItems(parser: Readable, skipped: ParsedItem[]): AsyncGenerator<ParsedItem[]> {
  let header: string[] | null = null;
  const slicer = new TimeSlicer();
  for await (const batch of batchesOf<{ record: string[]; info: { lines: number } }>(parser, PARSE_BATCH)) {
    const out: ParsedItem[] = [];
    for (const { record, info } of batch) {
      if (slicer.due()) await slicer.pause();
      const line = csvRecordLine(record, info.lines);
      // The parser reports skipped records ahead of the ones it emits: keep line order.
      while (skipped.length > 0 && skipped[0]!.line < line) out.push(skipped.shift()!);
      const item = csvItem(header, record, line);
      if (item.kind === "header") header = item.columns;
      out.push(item);
    }
    yield out;
  }
  if (skipped.length > 0) yield skipped.splice(0);
  if (header === null) throw new FileError(EMPTY_FILE.csv);
}

/** JSON records of a byte stream: the shared scanner (./records.ts) fed chunk by chunk, in time slices. */
async function* parseJsonRecords(input: Readable): AsyncGenerator<ParsedItem[]> {
  const scanner = new JsonRecordScanner();
  const decoder = new TextDecoder("utf-8");
  const slicer = new TimeSlicer();
  // Nothing but whitespace is no data at all — in replace mode it would empty the dataset.
  let blank = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    if (slicer.due()) await slicer.pause();
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (blank && text.trim() !== "") blank = false;
    const out = scanner.push(text);
    if (out.length > 0) yield out;
  }
  const last = scanner.end();
  if (last.length > 0) yield last;
  if (blank) throw new FileError(EMPTY_FILE.json);
}
