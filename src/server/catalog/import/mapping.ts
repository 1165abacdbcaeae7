import { badRequest } from "~/server/errors";
import type { SchemaJson } from "../schema-json";
import type { ColumnMapping } from "./columns";

export { ColumnMapper, type ColumnMapping } from "./columns";

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

