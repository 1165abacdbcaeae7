import { z } from "zod";

/** Field names become JSONLogic vars (`source.<name>`), so keep them identifier-like. */
const fieldName = z
  .string()
  .min(1, "field name is empty")
  .max(64, "field name is longer than 64 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "field names use letters, digits and _ and do not start with a digit")
  .refine((n) => n !== "key", { message: '"key" is reserved: rules read the row key as source.key / target.key' })
  // Rows are plain objects keyed by field name: `row.__proto__ = v` sets no property, so the value
  // would be dropped on every import (a required one would make every row invalid).
  .refine((n) => n !== "__proto__", { message: '"__proto__" cannot be a field name' });

export const fieldSchema = z
  .object({
    name: fieldName,
    type: z.enum(["string", "number", "boolean", "enum"]),
    required: z.boolean().default(false),
    // Trimmed like the cells they are matched against: " a" could never be chosen by an import.
    options: z.array(z.string().trim().min(1).max(255)).max(500).optional(),
    /** What visitors read instead of the field name ("Context window"). */
    label: z.string().trim().max(128).optional(),
    /** One sentence for tooltips ("The most tokens the model reads at once"). */
    description: z.string().trim().max(500).optional(),
    /** Unit of a number field, written after values ("tokens", "$ / M tokens"). */
    unit: z.string().trim().max(32).optional(),
    /** Enum only: what visitors read for an option value (`backend` → "Backend service"). */
    optionLabels: z.record(z.string(), z.string().trim().min(1).max(128)).optional(),
    /** Enum only: one sentence per option value. */
    optionDescriptions: z.record(z.string(), z.string().trim().max(500)).optional(),
  })
  .superRefine((f, ctx) => {
    for (const key of ["optionLabels", "optionDescriptions"] as const) {
      const map = f[key];
      if (!map) continue;
      if (f.type !== "enum") {
        ctx.addIssue({ code: "custom", path: [key], message: `only enum fields take ${key} ("${f.name}" is ${f.type})` });
        continue;
      }
      for (const value of Object.keys(map)) {
        if (!f.options?.includes(value)) ctx.addIssue({ code: "custom", path: [key, value], message: `"${value}" is not an option of "${f.name}"` });
      }
    }
    if (f.type === "enum") {
      if (!f.options || f.options.length === 0) {
        ctx.addIssue({ code: "custom", path: ["options"], message: `enum field "${f.name}" needs at least one option` });
      } else if (new Set(f.options).size !== f.options.length) {
        ctx.addIssue({ code: "custom", path: ["options"], message: `enum field "${f.name}" lists an option twice` });
      }
    } else if (f.options !== undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `only enum fields take options ("${f.name}" is ${f.type})` });
    }
  });

/**
 * A run-time schema of sources or targets (docs/data-model.md). `keyField` defaults to `id`;
 * `dimensions` are the cascade levels of the Finder, in order.
 */
export const schemaJsonSchema = z
  .object({
    fields: z.array(fieldSchema).min(1, "a schema needs at least one field").max(200),
    dimensions: z.array(z.string()).max(10).default([]),
    keyField: z.string().default("id"),
    labelField: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const byName = new Map<string, (typeof s.fields)[number]>();
    // Columns map to fields case-insensitively, so `J` and `j` would both claim every `j` column.
    const byLower = new Map<string, string>();
    s.fields.forEach((f, i) => {
      const lower = f.name.toLowerCase();
      if (byName.has(f.name)) {
        ctx.addIssue({ code: "custom", path: ["fields", i, "name"], message: `field "${f.name}" is defined twice` });
      } else if (byLower.has(lower)) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", i, "name"],
          message: `fields "${byLower.get(lower)}" and "${f.name}" differ only by case; imports match columns to fields case-insensitively, so rename one`,
        });
      }
      byName.set(f.name, f);
      if (!byLower.has(lower)) byLower.set(lower, f.name);
    });
    const key = byName.get(s.keyField);
    if (!key) {
      ctx.addIssue({ code: "custom", path: ["keyField"], message: `key field "${s.keyField}" is not one of the fields` });
    } else if (!key.required) {
      ctx.addIssue({ code: "custom", path: ["keyField"], message: `key field "${s.keyField}" must be required` });
    }
    if (s.labelField !== undefined && !byName.has(s.labelField)) {
      ctx.addIssue({ code: "custom", path: ["labelField"], message: `label field "${s.labelField}" is not one of the fields` });
    }
    const seen = new Set<string>();
    s.dimensions.forEach((d, i) => {
      const f = byName.get(d);
      if (!f) {
        ctx.addIssue({ code: "custom", path: ["dimensions", i], message: `dimension "${d}" is not one of the fields` });
      } else if (f.type !== "string" && f.type !== "enum") {
        ctx.addIssue({ code: "custom", path: ["dimensions", i], message: `dimension "${d}" must be a string or enum field, not ${f.type}` });
      }
      if (seen.has(d)) ctx.addIssue({ code: "custom", path: ["dimensions", i], message: `dimension "${d}" is listed twice` });
      seen.add(d);
    });
  });

export type SchemaJson = z.infer<typeof schemaJsonSchema>;
export type FieldDef = SchemaJson["fields"][number];

/** Cascade levels with display labels (a field's `label`, else its name). */
export function dimensionsOf(schema: SchemaJson): { name: string; label: string }[] {
  return schema.dimensions.map((name) => {
    const field = schema.fields.find((f) => f.name === name);
    return { name, label: field?.label ?? name };
  });
}

/**
 * The Finder's last level: the source row itself, named after the label field (e.g. "App"), so a
 * visitor can pick their exact entry after narrowing down by dimensions.
 */
export function entryLevelOf(schema: SchemaJson): { name: string; label: string } {
  const name = schema.labelField ?? schema.keyField;
  const field = schema.fields.find((f) => f.name === name);
  return { name, label: field?.label ?? name };
}
