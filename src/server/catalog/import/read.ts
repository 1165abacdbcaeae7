import type { SchemaJson } from "../schema-json";
import type { Side } from "../tables";
import { ColumnMapper, type ColumnMapping } from "./mapping";
import { FileError, parseRecords, type ImportFormat } from "./parse";
import { prepareRow, type PreparedRow, type RowError } from "./prepare";
import type { ImportProgress } from "./progress";
import type { RowSpool } from "./spool";
import { TimeSlicer } from "./slice";
import type { Readable } from "node:stream";

/** How many row errors an import keeps (the total is counted on). */
export const MAX_REPORTED_ERRORS = 100;

export interface ReadResult {
  /** A problem with the whole file: nothing can be imported. */
  fatal: string | null;
  rowsTotal: number;
  /** key_hash → line of each valid row (the file's keys; duplicates are errors). */
  validKeys: Map<string, number>;
  /** Keys of invalid rows that had a readable key: `replace` keeps those rows. */
  invalidKeys: Set<string>;
  invalidRows: number;
  errors: RowError[];
  errorEntries: number;
  warnings: string[];
}

/**
 * Pass 1: parse, map, coerce and validate every record, spooling valid rows to disk. Nothing touches
 * the dataset here, so every verdict (abort, limit) is reached before a single row is written.
 */
export async function readImportFile(opts: {
  input: Readable;
  format: ImportFormat;
  schema: SchemaJson;
  side: Side;
  mapping?: ColumnMapping;
  spool: RowSpool;
  progress: ImportProgress;
}): Promise<ReadResult> {
  const { schema, side, spool } = opts;
  const mapper = new ColumnMapper(schema, opts.mapping);
  const result: ReadResult = { fatal: null, rowsTotal: 0, validKeys: new Map(), invalidKeys: new Set(), invalidRows: 0, errors: [], errorEntries: 0, warnings: [] };
  const columnsSeen = new Set<string>();
  // CSV: the columns that feed a field, by position, worked out once from the header.
  let plan: Array<readonly [string, number]> = [];
  const addErrors = (errs: RowError[]) => {
    result.invalidRows++;
    result.errorEntries += errs.length;
    for (const e of errs) if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push(e);
  };
  const slicer = new TimeSlicer();
  try {
    for await (const batch of parseRecords(opts.input, opts.format)) {
      const spooled: PreparedRow[] = [];
      for (const item of batch) {
        if (slicer.due()) await slicer.pause();
        if (item.kind === "header") {
          for (const c of item.columns) columnsSeen.add(c);
          const problem = mapper.checkHeader(item.columns);
          if (problem) return { ...result, fatal: `Line ${item.line}: ${problem}` };
          plan = [];
          item.columns.forEach((c, i) => {
            if (mapper.fieldFor(c)) plan.push([c, i]);
          });
          continue;
        }
        result.rowsTotal++;
        if (item.kind === "error") {
          addErrors([{ line: item.line, message: item.message }]);
          continue;
        }
        let cells: ReadonlyArray<readonly [string, unknown]>;
        if (item.kind === "row") {
          const values = item.values;
          cells = plan.map(([c, i]) => [c, values[i]] as const);
        } else {
          if (columnsSeen.size < 1000) for (const [c] of item.cells) columnsSeen.add(c);
          cells = item.cells;
        }
        const prepared = prepareRow(schema, side, mapper, item.line, cells);
        if (!prepared.row) {
          if (prepared.keyHash) result.invalidKeys.add(prepared.keyHash);
          addErrors(prepared.errors);
          continue;
        }
        const row = prepared.row;
        const first = result.validKeys.get(row.keyHash);
        if (first !== undefined) {
          addErrors([{ line: row.line, field: schema.keyField, value: row.keyText.slice(0, 200), message: `Key "${row.keyText.slice(0, 200)}" appears again (first at line ${first}); each key may appear once per file` }]);
          continue;
        }
        result.validKeys.set(row.keyHash, row.line);
        spooled.push(row);
      }
      await spool.write(spooled);
      await opts.progress.report("reading", 0, result.rowsTotal);
    }
  } catch (err) {
    if (err instanceof FileError) {
      return { ...result, fatal: err.line ? `Line ${err.line}: ${err.message}` : err.message };
    }
    throw err;
  }
  result.warnings = [...mapper.warnings, ...mapper.unusedOverrideWarnings(columnsSeen)];
  return result;
}
