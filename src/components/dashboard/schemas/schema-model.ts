/**
 * The schema an admin edits, kept loose enough to hold a half-typed form (empty names, enum
 * options as text) and converted to/from the JSON the server validates (DESIGN §6).
 */
export type Side = "source" | "target";
export type FieldType = "string" | "number" | "boolean" | "enum";
export const fieldTypes: FieldType[] = ["string", "number", "boolean", "enum"];

export interface DraftField {
  /** Stable React key; never sent. */
  uid: string;
  name: string;
  type: FieldType;
  required: boolean;
  /** Enum options as the admin types them: comma-separated. */
  optionsText: string;
}

export interface DraftSchema {
  fields: DraftField[];
  dimensions: string[];
  keyField: string;
  labelField: string;
}

let seq = 0;
export const newUid = () => `f${++seq}_${Math.random().toString(36).slice(2, 7)}`;

export function blankSchema(): DraftSchema {
  const fields: DraftField[] = [
    { uid: newUid(), name: "id", type: "string", required: true, optionsText: "" },
    { uid: newUid(), name: "name", type: "string", required: true, optionsText: "" },
  ];
  return { fields, dimensions: [], keyField: "id", labelField: "name" };
}

const splitOptions = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** The JSON the server takes. Empty label field = none; options only on enums. */
export function toSchemaJson(d: DraftSchema, side: Side): Record<string, unknown> {
  return {
    fields: d.fields.map((f) => ({
      name: f.name.trim(),
      type: f.type,
      required: f.required,
      ...(f.type === "enum" ? { options: splitOptions(f.optionsText) } : {}),
    })),
    ...(side === "source" ? { dimensions: d.dimensions } : {}),
    keyField: d.keyField,
    ...(d.labelField ? { labelField: d.labelField } : {}),
  };
}

/**
 * Reads JSON typed by the admin (or stored on the server) into the form's model. Throws a
 * message when the shape is too far off to show in the form (the JSON view keeps the text).
 */
export function fromSchemaJson(raw: unknown, previous?: DraftSchema): DraftSchema {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("The schema must be a JSON object with a `fields` array");
  const o = raw as Record<string, unknown>;
  if (!Array.isArray(o.fields)) throw new Error("`fields` must be an array of { name, type, required, options? }");
  const fields = o.fields.map((f, i): DraftField => {
    if (!f || typeof f !== "object") throw new Error(`fields[${i}] must be an object`);
    const x = f as Record<string, unknown>;
    const type = fieldTypes.includes(x.type as FieldType) ? (x.type as FieldType) : "string";
    if (x.type !== undefined && !fieldTypes.includes(x.type as FieldType)) throw new Error(`fields[${i}].type must be one of ${fieldTypes.join(", ")}`);
    return {
      // Keep row identity when the JSON edit left a field in place, so focus isn't lost in the form.
      uid: previous?.fields[i]?.uid ?? newUid(),
      name: typeof x.name === "string" ? x.name : "",
      type,
      required: x.required === true,
      optionsText: Array.isArray(x.options) ? x.options.map(String).join(", ") : "",
    };
  });
  const dims = Array.isArray(o.dimensions) ? o.dimensions.map(String) : [];
  return {
    fields,
    dimensions: dims,
    keyField: typeof o.keyField === "string" ? o.keyField : "id",
    labelField: typeof o.labelField === "string" ? o.labelField : "",
  };
}

/** "LLM models" → "llm-models". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}
