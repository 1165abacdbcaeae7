import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { tablesFor, type Side } from "./tables";
import type { FieldDef, SchemaJson } from "./schema-json";
import { jsonPath, rowsOf } from "./sql";

/** One reason a schema change would orphan existing rows. */
export interface SchemaConflict {
  field: string | null;
  change: string;
  rows: number;
  sampleKeys: string[];
  message: string;
}

interface Scope {
  db: DbOrTx;
  orgId: string;
  side: Side;
  datasetIds: number[];
}

/** Where a field's values live: the dimension fields of sources in dims_json, the rest in attrs_json. */
function columnOf(side: Side, schema: SchemaJson, field: string): SQL {
  const t = tablesFor(side);
  return side === "source" && schema.dimensions.includes(field) ? sql.raw("dims_json") : sql`${t.rows.attrsJson}`;
}

async function countWhere(s: Scope, cond: SQL): Promise<{ rows: number; sampleKeys: string[] }> {
  const t = tablesFor(s.side);
  const scope = and(eq(t.rows.organizationId, s.orgId), inArray(t.rows.datasetId, s.datasetIds));
  const [counted] = rowsOf<{ n: number }>(await s.db.execute(sql`SELECT COUNT(*) AS n FROM ${t.rows} WHERE ${scope} AND ${cond}`));
  const rows = Number(counted?.n ?? 0);
  if (rows === 0) return { rows, sampleKeys: [] };
  const sample = rowsOf<{ k: string }>(await s.db.execute(sql`SELECT key_text AS k FROM ${t.rows} WHERE ${scope} AND ${cond} ORDER BY key_text LIMIT 5`));
  return { rows, sampleKeys: sample.map((r) => r.k) };
}

const describeRows = (n: number, keys: string[]) =>
  `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"} (${keys.map((k) => `"${k}"`).join(", ")}${n > keys.length ? ", …" : ""})`;
const has = (n: number) => (n === 1 ? "has" : "have");
const uses = (n: number) => (n === 1 ? "uses" : "use");

/**
 * Compares a definition's schema before and after an update against the rows of its datasets, and
 * lists every change that would leave rows meaningless: removed or retyped fields that rows have
 * values for, newly required fields that rows lack, enum options in use that disappear, and a new
 * key field or dimension list. Adding optional fields, adding enum options, enum → string and
 * relaxing `required` are always fine.
 */
export async function findSchemaConflicts(s: Scope, before: SchemaJson, after: SchemaJson): Promise<SchemaConflict[]> {
  if (s.datasetIds.length === 0) return [];
  const conflicts: SchemaConflict[] = [];
  const any = await countWhere(s, sql`1 = 1`);
  if (any.rows === 0) return [];

  if (before.keyField !== after.keyField) {
    conflicts.push({ field: before.keyField, change: "keyField", ...any, message: `The key field cannot change from "${before.keyField}" to "${after.keyField}" while ${describeRows(any.rows, any.sampleKeys)} exist: their keys would no longer match` });
  }
  if (s.side === "source" && JSON.stringify(before.dimensions) !== JSON.stringify(after.dimensions)) {
    conflicts.push({ field: null, change: "dimensions", ...any, message: `The dimensions cannot change from [${before.dimensions.join(", ")}] to [${after.dimensions.join(", ")}] while ${describeRows(any.rows, any.sampleKeys)} exist: re-import them after changing the schema of an empty dataset` });
  }

  const afterFields = new Map(after.fields.map((f) => [f.name, f]));
  const beforeFields = new Map(before.fields.map((f) => [f.name, f]));
  for (const old of before.fields) {
    const col = columnOf(s.side, before, old.name);
    const hasValue = sql`JSON_CONTAINS_PATH(${col}, 'one', ${jsonPath(old.name)})`;
    const next = afterFields.get(old.name);
    if (!next || retyped(old, next)) {
      const hit = await countWhere(s, hasValue);
      if (hit.rows > 0) {
        const what = next ? `change type from ${old.type} to ${next.type}` : "be removed";
        conflicts.push({ field: old.name, change: next ? "type" : "removed", ...hit, message: `Field "${old.name}" cannot ${what}: ${describeRows(hit.rows, hit.sampleKeys)} ${has(hit.rows)} a value for it` });
      }
      continue;
    }
    if (old.type === "enum" && next.type === "enum") {
      const gone = (old.options ?? []).filter((o) => !(next.options ?? []).includes(o));
      if (gone.length === 0) continue;
      const value = sql`JSON_UNQUOTE(JSON_EXTRACT(${col}, ${jsonPath(old.name)})) COLLATE utf8mb4_bin`;
      const hit = await countWhere(s, sql`${value} IN (${sql.join(gone.map((g) => sql`${g}`), sql`, `)})`);
      if (hit.rows > 0) {
        conflicts.push({ field: old.name, change: "options", ...hit, message: `Field "${old.name}" cannot drop option${gone.length > 1 ? "s" : ""} ${gone.map((g) => `"${g}"`).join(", ")}: ${describeRows(hit.rows, hit.sampleKeys)} ${uses(hit.rows)} ${gone.length > 1 ? "them" : "it"}` });
      }
    }
  }
  for (const field of after.fields) {
    if (!field.required || beforeFields.get(field.name)?.required) continue;
    const where = beforeFields.has(field.name) ? columnOf(s.side, before, field.name) : sql`${tablesFor(s.side).rows.attrsJson}`;
    const hit = await countWhere(s, sql`NOT JSON_CONTAINS_PATH(${where}, 'one', ${jsonPath(field.name)})`);
    if (hit.rows > 0) {
      conflicts.push({ field: field.name, change: "required", ...hit, message: `Field "${field.name}" cannot become required: ${describeRows(hit.rows, hit.sampleKeys)} ${has(hit.rows)} no value for it` });
    }
  }
  return conflicts;
}

/** enum → string keeps every stored value meaningful; any other type change does not. */
function retyped(before: FieldDef, after: FieldDef): boolean {
  if (before.type === after.type) return false;
  return !(before.type === "enum" && after.type === "string");
}
