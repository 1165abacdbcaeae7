"use client";

import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/select";
import { Icon } from "../icons";
import { move } from "./field-rows";
import type { DraftField } from "./schema-model";

/**
 * The Finder's cascade levels, in order (sources only): string or enum fields, each once.
 * Reordered with up/down buttons so the order is keyboard-editable.
 */
export function DimensionsEditor({ dimensions, fields, onChange, errors }: { dimensions: string[]; fields: DraftField[]; onChange(next: string[]): void; errors: Record<string, string> }) {
  const candidates = fields.filter((f) => (f.type === "string" || f.type === "enum") && f.name && !dimensions.includes(f.name));
  return (
    <div>
      {dimensions.length === 0 ? (
        <p className="text-sm text-slate-500">No levels: the Finder will list source rows directly. Add a level to let visitors narrow down step by step.</p>
      ) : (
        <ol className="space-y-1.5">
          {dimensions.map((d, i) => {
            const err = errors[`dimensions.${i}`];
            return (
              <li key={`${d}-${i}`}>
                <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5">
                  <span className="w-6 text-xs font-semibold text-slate-400 tabular-nums">{i + 1}.</span>
                  <span className="flex-1 font-mono text-sm">{d}</span>
                  <Button size="sm" variant="ghost" aria-label={`Move level ${d} up`} disabled={i === 0} onClick={() => onChange(move(dimensions, i, i - 1))}>
                    <Icon name="up" className="size-4" />
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Move level ${d} down`} disabled={i === dimensions.length - 1} onClick={() => onChange(move(dimensions, i, i + 1))}>
                    <Icon name="down" className="size-4" />
                  </Button>
                  <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" aria-label={`Remove level ${d}`} onClick={() => onChange(dimensions.filter((_, j) => j !== i))}>
                    <Icon name="trash" className="size-4" />
                  </Button>
                </div>
                {err ? <p role="alert" className="mt-1 text-xs text-red-700">{err}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
      {candidates.length > 0 ? (
        <div className="mt-3 max-w-xs">
          <label className="sr-only" htmlFor="add-dimension">
            Add a level
          </label>
          <Select
            id="add-dimension"
            className="h-9"
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...dimensions, e.target.value]);
            }}
          >
            <option value="">+ Add a level…</option>
            {candidates.map((f) => (
              <option key={f.uid} value={f.name}>
                {f.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {errors.dimensions ? <p role="alert" className="mt-1 text-xs text-red-700">{errors.dimensions}</p> : null}
    </div>
  );
}
