import { badRequest } from "~/server/errors";
import type { SchemaJson } from "../schema-json";

/** `{ column: field | null }`: null ignores a column; absent columns map by name, case-insensitively. */
export type ColumnMapping = Record<string, string | null>;

/**
 * Checks a mapping override before an import starts: every target must be a field of the schema
 * (case-insensitively; returned with the schema's spelling).
 */
export function normalizeMapping(schema: SchemaJson, mapping: ColumnMapping | undefined): ColumnMapping | undefined {
  if (!mapping) return undefined;
  const byLower = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f.name]));
  const out: ColumnMapping = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (field === null) {
      out[column] = null;
      continue;
    }
    const name = byLower.get(field.trim().toLowerCase());
    if (!name) {
      throw badRequest(`Mapping sends column "${column}" to "${field}", which is not a field of this schema`, {
        field: "mapping",
        column,
        target: field,
        fields: schema.fields.map((f) => f.name),
      });
    }
    out[column] = name;
  }
  return out;
}

/** Resolves columns to fields once per distinct column name and remembers what it warned about. */
export class ColumnMapper {
  private readonly cache = new Map<string, string | null>();
  private readonly byLower: Map<string, string>;
  private readonly overrideLower: Map<string, string | null>;
  readonly warnings: string[] = [];

  constructor(
    private readonly schema: SchemaJson,
    private readonly override: ColumnMapping = {},
  ) {
    this.byLower = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f.name]));
    this.overrideLower = new Map(Object.entries(override).map(([c, f]) => [c.trim().toLowerCase(), f]));
  }

  /** The field a column feeds, or null when it is ignored (explicitly, or because no field matches). */
  fieldFor(column: string): string | null {
    const hit = this.cache.get(column);
    if (hit !== undefined || this.cache.has(column)) return hit ?? null;
    const field = this.resolve(column);
    if (this.cache.size < 10_000) this.cache.set(column, field);
    return field;
  }

  private resolve(column: string): string | null {
    if (Object.hasOwn(this.override, column)) return this.override[column] ?? null;
    const lower = column.trim().toLowerCase();
    if (this.overrideLower.has(lower)) return this.overrideLower.get(lower) ?? null;
    const field = this.byLower.get(lower);
    if (field) return field;
    if (this.warnings.length < 100) {
      this.warnings.push(`Column "${column}" matches no field of the schema and was ignored (map it with \`mapping\`)`);
    }
    return null;
  }

  /** Warnings for override entries that named a column the file never had. */
  unusedOverrideWarnings(seenColumns: Iterable<string>): string[] {
    const seen = new Set([...seenColumns].map((c) => c.trim().toLowerCase()));
    return Object.keys(this.override)
      .filter((c) => !seen.has(c.trim().toLowerCase()))
      .map((c) => `Mapping names column "${c}", which the file does not have`);
  }

  /** For a CSV header: fields fed by two columns, and required fields no column feeds. */
  checkHeader(columns: readonly string[]): string | null {
    const fedBy = new Map<string, string>();
    for (const column of columns) {
      const field = this.fieldFor(column);
      if (!field) continue;
      const other = fedBy.get(field);
      if (other !== undefined) return `Columns "${other}" and "${column}" both map to field "${field}"; keep one or map the other to null`;
      fedBy.set(field, column);
    }
    const missing = this.schema.fields.filter((f) => f.required && !fedBy.has(f.name)).map((f) => f.name);
    if (missing.length > 0) {
      return `No column feeds the required field${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (columns: ${columns.map((c) => `"${c}"`).join(", ") || "none"})`;
    }
    return null;
  }
}
