"use client";

import { Button } from "~/components/ui/button";
import { TextInput } from "~/components/ui/form-field";
import { Select } from "~/components/ui/select";
import { Icon } from "../icons";
import { blankField, fieldTypes, type DraftField, type FieldType } from "./schema-model";

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

const errorFor = (errors: Record<string, string>, i: number, what: string) => errors[`fields.${i}.${what}`] ?? (what === "name" ? errors[`fields.${i}`] : undefined);

/**
 * The fields of a schema as an editable table: name, type, required, enum options; reorder with
 * the arrow buttons; errors from the server appear under the cell they name (`fields.2.name`).
 */
export function FieldRows({ fields, onChange, errors, keyField }: { fields: DraftField[]; onChange(next: DraftField[]): void; errors: Record<string, string>; keyField: string }) {
  const set = (i: number, patch: Partial<DraftField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[860px] text-sm">
          <thead className="bg-slate-50 text-left text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-3 py-2 font-medium">Field name</th>
              <th className="px-2 py-2 font-medium">Label for visitors</th>
              <th className="w-36 px-2 py-2 font-medium">Type</th>
              <th className="w-24 px-2 py-2 text-center font-medium">Required</th>
              <th className="px-2 py-2 font-medium">Options (enum) · unit (number)</th>
              <th className="w-32 px-2 py-2"><span className="sr-only">Reorder and remove</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fields.map((f, i) => {
              const nameErr = errorFor(errors, i, "name");
              const optErr = errorFor(errors, i, "options");
              const label = f.name || `field ${i + 1}`;
              return (
                <tr key={f.uid} className="align-top">
                  <td className="px-3 py-2">
                    <TextInput
                      aria-label={`Name of field ${i + 1}`}
                      className="h-9 font-mono"
                      value={f.name}
                      invalid={Boolean(nameErr)}
                      aria-describedby={nameErr ? `${f.uid}-name-err` : undefined}
                      onChange={(e) => set(i, { name: e.target.value })}
                      placeholder="fieldName"
                    />
                    {nameErr ? <p id={`${f.uid}-name-err`} role="alert" className="mt-1 text-xs text-red-700">{nameErr}</p> : null}
                  </td>
                  <td className="px-2 py-2">
                    <TextInput aria-label={`Label of ${label}`} className="h-9" value={f.label} onChange={(e) => set(i, { label: e.target.value })} placeholder={f.name || "Label"} />
                    <TextInput
                      aria-label={`Description of ${label}`}
                      className="mt-1 h-8 text-xs"
                      value={f.description}
                      onChange={(e) => set(i, { description: e.target.value })}
                      placeholder="Description (optional)"
                    />
                  </td>
                  <td className="px-2 py-2">
                    <Select aria-label={`Type of ${label}`} className="h-9" value={f.type} onChange={(e) => set(i, { type: e.target.value as FieldType })}>
                      {fieldTypes.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className="px-2 py-2 text-center">
                    <input
                      type="checkbox"
                      aria-label={`${label} is required`}
                      className="mt-2.5 size-4 accent-indigo-600"
                      checked={f.required}
                      disabled={f.name === keyField && f.required}
                      title={f.name === keyField ? "The key field is always required" : undefined}
                      onChange={(e) => set(i, { required: e.target.checked })}
                    />
                  </td>
                  <td className="px-2 py-2">
                    {f.type === "enum" ? (
                      <>
                        <TextInput
                          aria-label={`Options of ${label}, comma-separated`}
                          className="h-9"
                          value={f.optionsText}
                          invalid={Boolean(optErr)}
                          onChange={(e) => set(i, { optionsText: e.target.value })}
                          placeholder="eu = Europe, us = United States"
                        />
                        {optErr ? <p role="alert" className="mt-1 text-xs text-red-700">{optErr}</p> : null}
                        <p className="mt-1 text-xs text-slate-500">Write “value = Label” to show visitors a label.</p>
                      </>
                    ) : f.type === "number" ? (
                      <TextInput aria-label={`Unit of ${label}`} className="h-9" value={f.unit} onChange={(e) => set(i, { unit: e.target.value })} placeholder="Unit, e.g. tokens" />
                    ) : (
                      <span className="mt-2 block text-xs text-slate-400">—</span>
                    )}
                  </td>
                  <td className="px-2 py-2">
                    <div className="flex justify-end gap-0.5">
                      <Button size="sm" variant="ghost" aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => onChange(move(fields, i, i - 1))}>
                        <Icon name="up" className="size-4" />
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`Move ${label} down`} disabled={i === fields.length - 1} onClick={() => onChange(move(fields, i, i + 1))}>
                        <Icon name="down" className="size-4" />
                      </Button>
                      <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" aria-label={`Remove ${label}`} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
                        <Icon name="trash" className="size-4" />
                      </Button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button size="sm" className="mt-3" onClick={() => onChange([...fields, blankField()])}>
        <Icon name="plus" className="size-4" /> Add field
      </Button>
    </div>
  );
}

export { move };
