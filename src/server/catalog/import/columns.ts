/**
 * Header and column → field logic shared by the server import and the dashboard preview. Pure and
 * free of Node and server imports so the browser bundle can use it as is. Every function here is
 * linear in the number of columns: a header is user input and can hold tens of thousands of names.
 */

/** `{ column: field | null }`: null ignores a column; absent columns map by name, case-insensitively. */
export type ColumnMapping = Record<string, string | null>;

interface FieldLike {
  name: string;
  required: boolean;
}
interface SchemaLike {
  fields: readonly FieldLike[];
}

/** The first column whose name repeats an earlier one (case-insensitively, trimmed), or null. */
export function duplicateColumn(columns: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const c of columns) {
    const lower = c.trim().toLowerCase();
    if (seen.has(lower)) return c;
    seen.add(lower);
  }
  return null;
}

/** Warnings kept per import; beyond them one line counts the rest. */
export const MAX_COLUMN_WARNINGS = 100;
/** Unknown columns that get a "did you mean" search (each costs a comparison with every field). */
const MAX_SUGGESTIONS = 20;

/** Edit distance, giving up (returning `limit + 1`) as soon as it must exceed `limit`. */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The field a misspelt column most likely meant: the closest name within a few edits (a third of
 * its length, at most 3), or a field that starts with the column or the column with it. Null when
 * nothing is close.
 */
export function suggestField(column: string, fieldNames: readonly string[]): string | null {
  const c = column.trim().toLowerCase().slice(0, 80);
  if (c === "") return null;
  const limit = Math.min(3, Math.max(1, Math.floor(c.length / 3)));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const name of fieldNames) {
    const n = name.toLowerCase();
    const d = boundedDistance(c, n, limit);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best) return best;
  if (c.length >= 4) for (const name of fieldNames) if (name.toLowerCase().startsWith(c) || c.startsWith(name.toLowerCase())) return name;
  return null;
}

/** The warning for a column that feeds no field. */
export function unknownColumnWarning(column: string, suggestion: string | null): string {
  const hint = suggestion ? ` — did you mean \`${suggestion}\`?` : "";
  return `Column "${column}" matches no field of the schema and was ignored${hint} (map it with \`mapping\`)`;
}

/** Resolves columns to fields once per distinct column name and remembers what it warned about. */
export class ColumnMapper {
  private readonly cache = new Map<string, string | null>();
  private readonly byLower: Map<string, string>;
  private readonly overrideLower: Map<string, string | null>;
  private readonly fieldNames: string[];
  private readonly warned: string[] = [];
  private readonly unknown = new Set<string>();

  constructor(
    private readonly schema: SchemaLike,
    private readonly override: ColumnMapping = {},
  ) {
    this.fieldNames = schema.fields.map((f) => f.name);
    this.byLower = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f.name]));
    this.overrideLower = new Map(Object.entries(override).map(([c, f]) => [c.trim().toLowerCase(), f]));
  }

  /** Unknown columns, each with a "did you mean" where one is close, then a count of the rest. */
  get warnings(): string[] {
    const rest = this.unknown.size - this.warned.length;
    return rest > 0 ? [...this.warned, `… and ${rest.toLocaleString("en-US")} more columns that match no field were ignored`] : [...this.warned];
  }

  /** The field a column feeds, or null when it is ignored (explicitly, or because no field matches). */
  fieldFor(column: string): string | null {
    const hit = this.cache.get(column);
    if (hit !== undefined || this.cache.has(column)) return hit ?? null;
    const field = this.resolve(column);
    if (this.cache.size < 100_000) this.cache.set(column, field);
    return field;
  }

  private resolve(column: string): string | null {
    if (Object.hasOwn(this.override, column)) return this.override[column] ?? null;
    const lower = column.trim().toLowerCase();
    if (this.overrideLower.has(lower)) return this.overrideLower.get(lower) ?? null;
    const field = this.byLower.get(lower);
    if (field) return field;
    // Columns past the cache are resolved again for every row: each distinct name counts once.
    if (!this.unknown.has(column) && this.unknown.size < 100_000) {
      this.unknown.add(column);
      if (this.warned.length < MAX_COLUMN_WARNINGS) {
        const suggestion = this.warned.length < MAX_SUGGESTIONS ? suggestField(column, this.fieldNames) : null;
        this.warned.push(unknownColumnWarning(column, suggestion));
      }
    }
    return null;
  }

  /** Warnings for override entries that named a column the file never had. */
  unusedOverrideWarnings(seenColumns: Iterable<string>): string[] {
    const seen = new Set<string>();
    for (const c of seenColumns) seen.add(c.trim().toLowerCase());
    return Object.keys(this.override)
      .filter((c) => !seen.has(c.trim().toLowerCase()))
      .slice(0, MAX_COLUMN_WARNINGS)
      .map((c) => `Mapping names column "${c}", which the file does not have`);
  }

  /**
   * For a CSV header: fields fed by two columns, and required fields no column feeds. Also answers
   * which fields the file carries: an upsert leaves the others as they are.
   */
  checkHeader(columns: readonly string[]): string | null {
    const fedBy = this.fieldsFedBy(columns);
    if (typeof fedBy === "string") return fedBy;
    const missing = this.schema.fields.filter((f) => f.required && !fedBy.has(f.name)).map((f) => f.name);
    if (missing.length > 0) {
      const shown = columns.slice(0, 20).map((c) => `"${c}"`).join(", ") || "none";
      const more = columns.length > 20 ? `, … ${columns.length - 20} more` : "";
      return `No column feeds the required field${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (columns: ${shown}${more})`;
    }
    return null;
  }

  /** field → the column that feeds it, or the problem when two columns feed one field. */
  fieldsFedBy(columns: readonly string[]): Map<string, string> | string {
    const fedBy = new Map<string, string>();
    for (const column of columns) {
      const field = this.fieldFor(column);
      if (!field) continue;
      const other = fedBy.get(field);
      if (other !== undefined) return `Columns "${other}" and "${column}" both map to field "${field}"; keep one or map the other to null`;
      fedBy.set(field, column);
    }
    return fedBy;
  }
}
