/**
 * The schema an admin edits, kept loose enough to hold a half-typed form (empty names, enum
 * options as text) and converted to/from the JSON the server validates (docs/data-model.md).
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
  /** Enum options as the admin types them: comma-separated, each `value` or `value = Label`. */
  optionsText: string;
  /** What visitors read instead of the name; empty = the name. */
  label: string;
  description: string;
  /** Number fields: written after values ("tokens"). */
  unit: string;
  /** Kept as read: the form has no cell for option descriptions (the JSON view edits them). */
  optionDescriptions?: Record<string, string>;
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
    { ...blankField(), name: "id", required: true, label: "ID" },
    { ...blankField(), name: "name", required: true, label: "Name" },
  ];
  return { fields, dimensions: [], keyField: "id", labelField: "name" };
}

export function blankField(): DraftField {
  return { uid: newUid(), name: "", type: "string", required: false, optionsText: "", label: "", description: "", unit: "" };
}

/** "backend = Backend service, web" → values and the labels given. */
export function parseOptionsText(text: string): { options: string[]; labels: Record<string, string> } {
  const options: string[] = [];
  const labels: Record<string, string> = {};
  for (const part of text.split(",")) {
    // " = " with spaces: an option value may itself contain "=".
    const m = /\s=\s/.exec(part);
    const value = (m ? part.slice(0, m.index) : part).trim();
    if (value === "") continue;
    options.push(value);
    const label = m ? part.slice(m.index + m[0].length).trim() : "";
    if (label !== "" && label !== value) labels[value] = label;
  }
  return { options, labels };
}

export function optionsToText(options: string[], labels: Record<string, string> = {}): string {
  return options.map((o) => (labels[o] ? `${o} = ${labels[o]}` : o)).join(", ");
}

const text = (x: unknown) => (typeof x === "string" ? x : "");

/** The JSON the server takes. Empty label field = none; options only on enums. */
export function toSchemaJson(d: DraftSchema, side: Side): Record<string, unknown> {
  return {
    fields: d.fields.map((f) => {
      const { options, labels } = parseOptionsText(f.optionsText);
      const descriptions = Object.fromEntries(Object.entries(f.optionDescriptions ?? {}).filter(([k]) => options.includes(k)));
      return {
        name: f.name.trim(),
        type: f.type,
        required: f.required,
        ...(f.label.trim() ? { label: f.label.trim() } : {}),
        ...(f.description.trim() ? { description: f.description.trim() } : {}),
        ...(f.type === "number" && f.unit.trim() ? { unit: f.unit.trim() } : {}),
        ...(f.type === "enum" ? { options } : {}),
        ...(f.type === "enum" && Object.keys(labels).length > 0 ? { optionLabels: labels } : {}),
        ...(f.type === "enum" && Object.keys(descriptions).length > 0 ? { optionDescriptions: descriptions } : {}),
      };
    }),
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
      optionsText: Array.isArray(x.options) ? optionsToText(x.options.map(String), stringMap(x.optionLabels)) : "",
      label: text(x.label),
      description: text(x.description),
      unit: text(x.unit),
      ...(x.optionDescriptions ? { optionDescriptions: stringMap(x.optionDescriptions) } : {}),
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

function stringMap(x: unknown): Record<string, string> {
  if (!x || typeof x !== "object" || Array.isArray(x)) return {};
  return Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === "string"));
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
