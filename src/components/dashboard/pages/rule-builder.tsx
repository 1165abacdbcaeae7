"use client";

import { TextInput } from "~/components/ui/form-field";
import { Select } from "~/components/ui/select";
import { comparisons, shapeLabels, type Comparison, type RuleShape } from "./rule-shapes";

export interface FieldInfo {
  name: string;
  type: string;
  options?: string[];
}
export interface PageFields {
  source: FieldInfo[];
  target: FieldInfo[];
}

/** A sensible first shape for the page's schemas (the first boolean pair, say). */
export function defaultShape(kind: RuleShape["kind"], f: PageFields): RuleShape {
  const first = (list: FieldInfo[], types: string[]) => list.find((x) => types.includes(x.type))?.name ?? list[0]?.name ?? "";
  switch (kind) {
    case "needs":
      return { kind, sourceField: first(f.source, ["boolean"]), targetField: first(f.target, ["boolean"]) };
    case "in-list":
      return { kind, targetField: first(f.target, ["enum", "string"]), values: [] };
    case "compare-fields":
      return { kind, targetField: first(f.target, ["number"]), op: ">=", sourceField: first(f.source, ["number"]) };
    case "compare-constant":
      return { kind, targetField: first(f.target, ["number"]), op: ">=", value: 0 };
    case "provider":
      return { kind, sourceField: first(f.source, ["string", "enum"]), targetField: f.target.find((x) => x.name === "provider")?.name ?? first(f.target, ["string", "enum"]) };
    case "overlap": {
      // Prefer a field name both sides share (source.regions / target.regions).
      const shared = f.source.find((x) => f.target.some((y) => y.name === x.name && x.name !== "key"))?.name;
      return { kind, sourceField: shared ?? first(f.source, ["string", "enum"]), targetField: shared ?? first(f.target, ["string", "enum"]) };
    }
  }
}

function FieldSelect({ label, side, fields, value, onChange, types }: { label: string; side: "source" | "target"; fields: FieldInfo[]; value: string; onChange(v: string): void; types?: string[] }) {
  const usable = types ? fields.filter((f) => types.includes(f.type)) : fields;
  const list = usable.length > 0 ? usable : fields;
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <Select className="h-9 font-mono text-[13px]" value={value} onChange={(e) => onChange(e.target.value)}>
        {!list.some((f) => f.name === value) ? <option value={value}>{value || "—"}</option> : null}
        {list.map((f) => (
          <option key={f.name} value={f.name}>
            {side}.{f.name} ({f.type})
          </option>
        ))}
      </Select>
    </label>
  );
}

function OpSelect({ value, onChange }: { value: Comparison; onChange(v: Comparison): void }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      Comparison
      <Select className="h-9 w-24 font-mono" value={value} onChange={(e) => onChange(e.target.value as Comparison)}>
        {comparisons.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Select>
    </label>
  );
}

/**
 * The common rule shapes as forms over the page's schema fields, so admins write most rules
 * without JSON. The parent turns the shape into JSONLogic (`shapeToLogic`) and validates it.
 */
export function RuleBuilder({ shape, onChange, fields }: { shape: RuleShape; onChange(s: RuleShape): void; fields: PageFields }) {
  return (
    <div className="space-y-3">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Rule shape
        <Select className="h-9" value={shape.kind} onChange={(e) => onChange(defaultShape(e.target.value as RuleShape["kind"], fields))}>
          {(Object.keys(shapeLabels) as RuleShape["kind"][]).map((k) => (
            <option key={k} value={k}>
              {shapeLabels[k]}
            </option>
          ))}
        </Select>
      </label>
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_1fr] sm:items-end">
        {shape.kind === "needs" ? (
          <>
            <FieldSelect label="When the source needs" side="source" fields={fields.source} types={["boolean"]} value={shape.sourceField} onChange={(sourceField) => onChange({ ...shape, sourceField })} />
            <span className="pb-2 text-center text-sm text-slate-500">⇒</span>
            <FieldSelect label="the target must support" side="target" fields={fields.target} types={["boolean"]} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
          </>
        ) : shape.kind === "in-list" ? (
          <>
            <FieldSelect label="Target field" side="target" fields={fields.target} types={["string", "enum"]} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
            <span className="pb-2 text-center text-sm text-slate-500">is one of</span>
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Values (comma-separated)
              <TextInput
                className="h-9"
                value={shape.values.join(", ")}
                placeholder={fields.target.find((f) => f.name === shape.targetField)?.options?.join(", ") ?? "OpenAI, Anthropic"}
                onChange={(e) => onChange({ ...shape, values: e.target.value.split(",").map((s) => s.trim()).filter(Boolean) })}
              />
            </label>
          </>
        ) : shape.kind === "compare-fields" ? (
          <>
            <FieldSelect label="Target number" side="target" fields={fields.target} types={["number"]} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
            <OpSelect value={shape.op} onChange={(op) => onChange({ ...shape, op })} />
            <FieldSelect label="Source number" side="source" fields={fields.source} types={["number"]} value={shape.sourceField} onChange={(sourceField) => onChange({ ...shape, sourceField })} />
          </>
        ) : shape.kind === "compare-constant" ? (
          <>
            <FieldSelect label="Target number" side="target" fields={fields.target} types={["number"]} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
            <OpSelect value={shape.op} onChange={(op) => onChange({ ...shape, op })} />
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Value
              <TextInput className="h-9" type="number" value={String(shape.value)} onChange={(e) => onChange({ ...shape, value: Number(e.target.value) })} />
            </label>
          </>
        ) : shape.kind === "overlap" ? (
          <>
            <FieldSelect label="The target's values in" side="target" fields={fields.target} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
            <span className="pb-2 text-center text-sm text-slate-500">include one of</span>
            <FieldSelect label="the source's values in" side="source" fields={fields.source} value={shape.sourceField} onChange={(sourceField) => onChange({ ...shape, sourceField })} />
          </>
        ) : (
          <>
            <FieldSelect label="When the source names a provider in" side="source" fields={fields.source} types={["string", "enum"]} value={shape.sourceField} onChange={(sourceField) => onChange({ ...shape, sourceField })} />
            <span className="pb-2 text-center text-sm text-slate-500">=</span>
            <FieldSelect label="the target's provider field" side="target" fields={fields.target} types={["string", "enum"]} value={shape.targetField} onChange={(targetField) => onChange({ ...shape, targetField })} />
          </>
        )}
      </div>
    </div>
  );
}
