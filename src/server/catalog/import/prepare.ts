import { dimensionPathHash, keyHashOf, sha256Hex } from "../hash";
import type { SchemaJson } from "../schema-json";
import type { Side } from "../tables";
import { coerceValue, type FieldValue } from "./coerce";
import type { ColumnMapper } from "./mapping";

/** One row-level problem, as clients see it (first 100 per import, plus a total). */
export interface RowError {
  line: number;
  column?: string;
  field?: string;
  value?: string;
  message: string;
}

/** A valid row, ready to write: JSON encoded once here, hashed once here. */
export interface PreparedRow {
  line: number;
  keyText: string;
  keyHash: string;
  label: string;
  dimsJson: string;
  dimsHash: string;
  attrsJson: string;
  contentHash: string;
  /**
   * Optional attribute fields this record does not carry (no column for them, or a JSON key left
   * out): an upsert keeps the stored values of these. Empty when the record carries every field.
   */
  absent: readonly string[];
}

/** Column widths of the row tables (key_text 512, label 512, dimension value 255). */
const MAX_KEY = 512;
const MAX_LABEL = 512;
const MAX_DIMENSION_VALUE = 255;

// Rows share few dimension paths; hashing each distinct one once saves a sha256 per row.
const pathHashes = new Map<string, string>();
function cachedPathHash(dimsJson: string, path: string[]): string {
  let h = pathHashes.get(dimsJson);
  if (h === undefined) {
    h = dimensionPathHash(path);
    if (pathHashes.size >= 10_000) pathHashes.clear();
    pathHashes.set(dimsJson, h);
  }
  return h;
}

const shown = (raw: unknown) => (typeof raw === "string" ? raw : JSON.stringify(raw) ?? String(raw)).slice(0, 200);

/**
 * Validates and normalises one record against the schema. Dimension fields go to dims (sources),
 * every other field — the key and label fields included, so rules can read them — to attrs.
 * The content hash leaves the label out: it is derived from attrs, so equal content means equal label.
 */
export function prepareRow(
  schema: SchemaJson,
  side: Side,
  mapper: ColumnMapper,
  line: number,
  cells: ReadonlyArray<readonly [string, unknown]>,
): { row: PreparedRow; errors: null } | { row: null; errors: RowError[]; keyHash?: string } {
  const errors: RowError[] = [];
  const given = new Map<string, { column: string; raw: unknown }>();
  for (const [column, raw] of cells) {
    const field = mapper.fieldFor(column);
    if (!field) continue;
    const before = given.get(field);
    if (before) {
      errors.push({ line, column, field, message: `Columns "${before.column}" and "${column}" both give field "${field}"` });
      continue;
    }
    given.set(field, { column, raw });
  }

  const dimensionSet = side === "source" ? new Set(schema.dimensions) : new Set<string>();
  const values = new Map<string, FieldValue>();
  for (const field of schema.fields) {
    const cell = given.get(field.name);
    const result = coerceValue(field, cell?.raw);
    if (!result.ok) {
      errors.push({ line, column: cell?.column, field: field.name, value: shown(cell?.raw), message: `Field "${field.name}": ${JSON.stringify(shown(cell?.raw))} ${result.message}` });
    } else if (result.value === undefined) {
      if (field.required) errors.push({ line, column: cell?.column, field: field.name, message: `Required field "${field.name}" is missing` });
      else if (dimensionSet.has(field.name)) {
        errors.push({ line, column: cell?.column, field: field.name, message: `Dimension field "${field.name}" is empty: every row needs a value at each Finder level` });
      }
    } else {
      values.set(field.name, result.value);
    }
  }
  if (errors.length > 0) {
    // An invalid row still names its key when it has one: `replace` must not remove that row.
    const key = values.get(schema.keyField);
    return { row: null, errors, keyHash: key === undefined ? undefined : keyHashOf(String(key)) };
  }

  const keyText = String(values.get(schema.keyField));
  if (keyText.length > MAX_KEY) {
    return { row: null, errors: [{ line, field: schema.keyField, value: shown(keyText), message: `Key field "${schema.keyField}" is longer than ${MAX_KEY} characters` }] };
  }
  const dims: Record<string, string> = {};
  const path: string[] = [];
  for (const name of side === "source" ? schema.dimensions : []) {
    const v = String(values.get(name));
    if (v.length > MAX_DIMENSION_VALUE) {
      return { row: null, errors: [{ line, field: name, value: shown(v), message: `Dimension field "${name}" is longer than ${MAX_DIMENSION_VALUE} characters` }] };
    }
    dims[name] = v;
    path.push(v);
  }
  const attrs: Record<string, FieldValue> = {};
  for (const field of schema.fields) {
    if (dimensionSet.has(field.name)) continue;
    const v = values.get(field.name);
    if (v !== undefined) attrs[field.name] = v;
  }
  const dimsJson = JSON.stringify(dims);
  let absent: string[] | null = null;
  for (const field of schema.fields) {
    if (!dimensionSet.has(field.name) && !given.has(field.name)) (absent ??= []).push(field.name);
  }
  return {
    row: {
      line,
      keyText,
      keyHash: keyHashOf(keyText),
      label: labelOf(schema, keyText, dims, attrs),
      dimsJson,
      dimsHash: side === "source" ? cachedPathHash(dimsJson, path) : "",
      attrsJson: JSON.stringify(attrs),
      contentHash: contentHashOf(dimsJson, JSON.stringify(attrs)),
      absent: absent ?? NONE,
    },
    errors: null,
  };
}

const NONE: readonly string[] = Object.freeze([]);

function labelOf(schema: SchemaJson, keyText: string, dims: Record<string, unknown>, attrs: Record<string, unknown>): string {
  const v = schema.labelField === undefined ? undefined : (attrs[schema.labelField] ?? dims[schema.labelField]);
  return (v === undefined ? keyText : String(v)).slice(0, MAX_LABEL);
}

const contentHashOf = (dimsJson: string, attrsJson: string) => sha256Hex(`${dimsJson}\u0000${attrsJson}`);

/**
 * An upsert of a row that exists: fields the record does not carry keep their stored values
 * (issue 11.9: a misspelt or missing column must not wipe a field). Attributes stay in schema order,
 * so the content hash of an unchanged row stays the same.
 */
export function keepAbsentFields(schema: SchemaJson, row: PreparedRow, stored: Record<string, unknown>): PreparedRow {
  if (row.absent.length === 0) return row;
  const given = JSON.parse(row.attrsJson) as Record<string, unknown>;
  const keep = new Set(row.absent);
  const attrs: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const v = keep.has(field.name) ? stored[field.name] : given[field.name];
    if (v !== undefined && v !== null) attrs[field.name] = v;
  }
  const attrsJson = JSON.stringify(attrs);
  return { ...row, attrsJson, contentHash: contentHashOf(row.dimsJson, attrsJson), label: labelOf(schema, row.keyText, JSON.parse(row.dimsJson) as Record<string, unknown>, attrs), absent: NONE };
}
